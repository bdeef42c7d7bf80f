"""Export a PyTorch network's stage activations in the authors' layout, streaming to disk.

    from classfit_client import export_activations
    export_activations(model, train_loader, out="acts/my-resnet18")     # layer1..layer4 of a torchvision ResNet

writes, into `out`:
    avg_pooling_<i>_acts.npy   float32 [n, d_i], the global-average-pooled output of stage i (in `stages` order)
    labels.npy                 int64 [n], from the loader's targets
    classes.json               class names in label order (from `classes=` or `loader.dataset.classes`), if known
    images.npy                 uint8 [n, h, w] or [n, h, w, 3], with `images=True` (or an `image_transform`)
    mem_scores.npz             `tr_mem`, `tr_labels`, with `mem_scores=`
    meta.json                  architecture, seed, accuracy, stage modules and pooling: provenance `classfit import` reads
Rows are written batch by batch (`NpyAppender`), so the activations are never held in memory whole. torch is
imported only when this function is called.
"""
import json
import os
import sys
import time

import numpy as np

from .npy_stream import NpyAppender

DEFAULT_STAGES = ("layer1", "layer2", "layer3", "layer4")
_VERSION = "0.1.0"


def _pooling(pool, torch):
    if callable(pool):
        return pool
    if pool not in ("avg", "max"):
        raise ValueError(f"pool must be 'avg', 'max' or a callable; got {pool!r}")

    def pooled(output):
        if not torch.is_tensor(output):
            raise TypeError(f"a hooked stage must output a tensor; got {type(output).__name__} (pass pool= a callable to choose one)")
        if output.dim() == 2:
            return output
        if output.dim() < 3:
            raise ValueError(f"cannot pool a stage output of shape {tuple(output.shape)}; pass pool= a callable")
        dims = tuple(range(2, output.dim()))  # [b, c, *spatial] -> [b, c]
        return output.mean(dim=dims) if pool == "avg" else output.amax(dim=dims)

    return pooled


def _resolve_stages(model, stages):
    modules = dict(model.named_modules())
    missing = [name for name in stages if name not in modules]
    if missing:
        top = [name for name, _ in model.named_children()]
        raise ValueError(f"stages {missing} are not modules of {type(model).__name__}; its top-level modules are {top}")
    return [modules[name] for name in stages]


def _to_uint8_images(x, image_transform):
    if image_transform is not None:
        images = np.asarray(image_transform(x))
    else:
        images = x.detach().cpu().numpy()
        if images.dtype != np.uint8:
            low, high = float(images.min()), float(images.max())
            if low < 0.0 or high > 1.0:
                raise ValueError(
                    f"images=True needs inputs as uint8 or floats in [0, 1]; this batch spans [{low:.3g}, {high:.3g}] "
                    "(normalised?) - pass image_transform=<function of the batch returning uint8 [b, h, w(, 3)]>")
            images = np.rint(images * 255.0).astype(np.uint8)
        if images.ndim == 4 and images.shape[1] in (1, 3):  # [b, c, h, w] -> [b, h, w, c]
            images = np.transpose(images, (0, 2, 3, 1))
        if images.ndim == 4 and images.shape[3] == 1:
            images = images[..., 0]
    if images.dtype != np.uint8 or images.ndim not in (3, 4) or (images.ndim == 4 and images.shape[3] != 3):
        raise ValueError(f"images must be uint8 [b, h, w] or [b, h, w, 3]; got {images.dtype} {images.shape}")
    return images


def _progress_line(done, total, started):
    rate = done / max(time.monotonic() - started, 1e-9)
    of = f"/{total}" if total else ""
    sys.stderr.write(f"\rexport: {done}{of} examples ({rate:.0f}/s)")
    sys.stderr.flush()


def export_activations(model, loader, stages=DEFAULT_STAGES, out=None, pool="avg", classes=None, images=False,
                       image_transform=None, mem_scores=None, architecture=None, seed=None, accuracy=None,
                       device=None, progress=True):
    """Runs `model` over `loader` and writes the authors' layout to `out`; returns a summary dict.

    model        a torch.nn.Module (put in eval mode; gradients off during the export)
    loader       iterable of (inputs, labels) batches, e.g. a DataLoader with shuffle=False
    stages       names of the modules whose outputs are exported, shallowest first (`model.named_modules()` names)
    out          the folder to write (created if missing; existing layout files are replaced)
    pool         'avg' (global average over every axis after the channel axis), 'max', or a callable tensor -> [b, d]
    classes      class names in label order (default: `loader.dataset.classes` when it exists)
    images       also write images.npy from the inputs (uint8, or floats in [0, 1]; else give image_transform)
    mem_scores   per-example memorization scores [n] -> mem_scores.npz (tr_mem, tr_labels)
    architecture, seed, accuracy   provenance written to meta.json (e.g. "resnet18", 0, 0.76)
    device       where to run (default: the device of the model's first parameter)
    """
    import torch

    if out is None:
        raise ValueError("out must name the folder to write")
    stages = list(stages)
    if not stages:
        raise ValueError("stages must name at least one module")
    if accuracy is not None and not 0.0 <= float(accuracy) <= 1.0:
        raise ValueError(f"accuracy must be a fraction in [0, 1]; got {accuracy}")
    os.makedirs(out, exist_ok=True)
    pooled = _pooling(pool, torch)
    modules = _resolve_stages(model, stages)
    if device is None:
        first = next(model.parameters(), None)
        device = first.device if first is not None else torch.device("cpu")
    captured = [None] * len(stages)

    def hook_for(i):
        def hook(_module, _inputs, output):
            if captured[i] is not None:
                raise RuntimeError(f"stage {stages[i]!r} ran twice in one forward pass; export a module that runs once")
            captured[i] = pooled(output).detach().to("cpu", torch.float32)
        return hook

    handles = [module.register_forward_hook(hook_for(i)) for i, module in enumerate(modules)]
    writers = []
    total = len(loader.dataset) if hasattr(loader, "dataset") and hasattr(loader.dataset, "__len__") else None
    started = time.monotonic()
    was_training = model.training
    try:
        acts = [None] * len(stages)
        labels = NpyAppender(os.path.join(out, "labels.npy"), np.int64)
        writers.append(labels)
        image_writer = None
        model.eval()
        with torch.no_grad():
            for batch in loader:
                if not isinstance(batch, (tuple, list)) or len(batch) < 2:
                    raise ValueError("loader must yield (inputs, labels) batches")
                x, y = batch[0], batch[1]
                captured[:] = [None] * len(stages)
                model(x.to(device))
                for i, tensor in enumerate(captured):
                    if tensor is None:
                        raise RuntimeError(f"stage {stages[i]!r} did not run in the forward pass")
                    values = tensor.numpy()
                    if values.ndim != 2 or values.shape[0] != x.shape[0]:
                        raise ValueError(f"stage {stages[i]!r} pooled to shape {values.shape}; expected [{x.shape[0]}, d]")
                    if acts[i] is None:
                        acts[i] = NpyAppender(os.path.join(out, f"avg_pooling_{i}_acts.npy"), np.float32, values.shape[1:])
                        writers.append(acts[i])
                    acts[i].append(values)
                labels.append(np.asarray(y.cpu().numpy() if torch.is_tensor(y) else y, dtype=np.int64).reshape(-1))
                if images or image_transform is not None:
                    pictures = _to_uint8_images(x, image_transform)
                    if image_writer is None:
                        image_writer = NpyAppender(os.path.join(out, "images.npy"), np.uint8, pictures.shape[1:])
                        writers.append(image_writer)
                    image_writer.append(pictures)
                if progress:
                    _progress_line(labels.rows, total, started)
        n = labels.rows
        if n == 0:
            raise ValueError("loader yielded no examples")
        for writer in writers:
            writer.close()
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    finally:
        for handle in handles:
            handle.remove()
        model.train(was_training)
        if progress:
            sys.stderr.write("\n")

    files = [f"avg_pooling_{i}_acts.npy" for i in range(len(stages))] + ["labels.npy"]
    label_values = np.load(os.path.join(out, "labels.npy"), mmap_mode="r")
    if classes is None:
        classes = getattr(getattr(loader, "dataset", None), "classes", None)
    if classes is not None:
        classes = [str(c) for c in classes]
        if int(label_values.max()) >= len(classes) or int(label_values.min()) < 0:
            raise ValueError(f"labels span [{int(label_values.min())}, {int(label_values.max())}] but {len(classes)} class names were given")
        _write_json(os.path.join(out, "classes.json"), classes)
        files.append("classes.json")
    if images or image_transform is not None:
        files.append("images.npy")
    if mem_scores is not None:
        scores = np.asarray(mem_scores, dtype=np.float64).reshape(-1)
        if scores.shape[0] != n:
            raise ValueError(f"mem_scores has {scores.shape[0]} values for {n} examples")
        np.savez(os.path.join(out, "mem_scores.npz"), tr_mem=scores, tr_labels=np.asarray(label_values))
        files.append("mem_scores.npz")
    dims = [int(np.load(os.path.join(out, f), mmap_mode="r").shape[1]) for f in files[: len(stages)]]
    meta = {
        "generator": f"classfit_client {_VERSION}",
        "architecture": architecture,
        "model_class": type(model).__name__,
        "seed": seed,
        "accuracy": None if accuracy is None else float(accuracy),
        "pool": pool if isinstance(pool, str) else getattr(pool, "__name__", "custom"),
        "stages": [{"index": i, "module": name, "dim": d, "file": f"avg_pooling_{i}_acts.npy"} for i, (name, d) in enumerate(zip(stages, dims))],
        "examples": n,
    }
    _write_json(os.path.join(out, "meta.json"), meta)
    files.append("meta.json")
    return {"out": os.path.abspath(out), "examples": n, "stages": meta["stages"], "files": files}


def _write_json(path, value):
    partial = path + ".partial"
    with open(partial, "w") as f:
        json.dump(value, f, indent=1)
        f.write("\n")
    os.replace(partial, path)
