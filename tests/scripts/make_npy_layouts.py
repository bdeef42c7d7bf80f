"""Writes one small model in the authors' layout four times, as PyTorch/NumPy users save arrays, for
tests/e2e/cli-npy-layouts.test.ts (`classfit import`, `classfit fit`, `classfit score` on each).

Run from the repository root (Debian's numpy):  /usr/bin/python3 tests/scripts/make_npy_layouts.py
Outputs tests/fixtures/npy-layouts/<variant>/{avg_pooling_0_acts.npy, avg_pooling_1_acts.npy, labels.npy, points.npy}:
  native      C order, little-endian float32 activations and points, int64 labels (what np.save of a tensor gives)
  fortran     np.save(f, feats.T) of [d, n] C-order features: the same [n, d] values in Fortran order; int32 labels
  float16     tensor.half().numpy(): float16 ('<f2')
  big-endian  '>f4' activations and points, '>i8' labels
Every value is exactly representable in float16, so all four folders hold the same numbers and classfit must
read them into identical arrays (same stored artifacts, byte-identical fits and scores).
"""
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "npy-layouts"
rng = np.random.default_rng(20240610)
classes, per_class, dims = 3, 20, (4, 6)
labels = np.repeat(np.arange(classes), per_class)
rng.shuffle(labels)


def layer(d):
    centres = rng.normal(0, 3, size=(classes, d))
    x = centres[labels] + rng.normal(0, 1, size=(len(labels), d))
    return np.maximum(x, 0).astype(np.float16).astype(np.float32)  # post-ReLU-like, float16-exact


acts = [layer(d) for d in dims]
points = (rng.normal(0, 2, size=(15, dims[1]))).astype(np.float16).astype(np.float32)

variants = {
    "native": lambda a: np.ascontiguousarray(a, dtype="<f4"),
    "fortran": lambda a: np.ascontiguousarray(a.T).T,
    "float16": lambda a: a.astype("<f2"),
    "big-endian": lambda a: a.astype(">f4"),
}
label_dtypes = {"native": "<i8", "fortran": "<i4", "float16": "<i8", "big-endian": ">i8"}
for name, convert in variants.items():
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    for stage, a in enumerate(acts):
        stored = convert(a)
        assert np.array_equal(stored.astype(np.float32), a)
        np.save(folder / f"avg_pooling_{stage}_acts.npy", stored)
    np.save(folder / "labels.npy", labels.astype(label_dtypes[name]))
    np.save(folder / "points.npy", convert(points))
    assert np.load(folder / "avg_pooling_0_acts.npy").flags.f_contiguous == (name == "fortran")
print(f"wrote {len(variants)} folders under {OUT}")
