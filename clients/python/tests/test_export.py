"""export_activations on real Fashion-MNIST images through a small torch ResNet: the files hold what the hooks saw."""
import json
import os
import tempfile
import unittest

import numpy as np

from classfit_client import export_activations

from .support import CLASS_NAMES, fashion_mnist, loader_of, needs_torch, small_resnet, torch, train_briefly


@needs_torch
class ExportActivationsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.images, cls.labels = fashion_mnist(per_class=20)  # 200 real images
        cls.model = small_resnet(width=8)
        train_briefly(cls.model, cls.images, cls.labels, epochs=1)  # realistic batch-norm statistics and scales
        # The reference: every stage's full output tensor, captured by our own hooks in one pass.
        outputs = {}
        handles = [getattr(cls.model, name).register_forward_hook(lambda m, i, o, name=name: outputs.__setitem__(name, o.detach()))
                   for name in ("layer1", "layer2", "layer3", "layer4")]
        with torch.no_grad():
            cls.model(next(iter(loader_of(cls.images, cls.labels, batch_size=len(cls.labels))))[0])
        for h in handles:
            h.remove()
        cls.reference = [outputs[name].mean(dim=(2, 3)).numpy() for name in ("layer1", "layer2", "layer3", "layer4")]

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.out = os.path.join(self.dir.name, "layout")

    def tearDown(self):
        self.dir.cleanup()

    def test_writes_the_authors_layout_equal_to_the_hooked_tensors(self):
        summary = export_activations(self.model, loader_of(self.images, self.labels, batch_size=37), out=self.out,
                                     images=False, architecture="resnet10", seed=0, accuracy=0.5, progress=False)
        self.assertEqual(summary["examples"], 200)
        self.assertEqual([s["dim"] for s in summary["stages"]], [8, 16, 32, 64])
        for i, want in enumerate(self.reference):
            got = np.load(os.path.join(self.out, f"avg_pooling_{i}_acts.npy"))
            self.assertEqual((got.dtype, got.shape), (np.dtype(np.float32), want.shape))
            # Batches of 37 vs one batch of 200 through the same eval-mode network: float32 conv sums may
            # be ordered differently, so equality to ~100 float32 ulps of the stage's largest value.
            scale = float(np.abs(want).max())
            self.assertGreater(scale, 0.1)  # not an all-zero stage that would pass anyway
            np.testing.assert_allclose(got, want, rtol=0, atol=1e-5 * scale, err_msg=f"stage {i}")
        np.testing.assert_array_equal(np.load(os.path.join(self.out, "labels.npy")), self.labels)
        with open(os.path.join(self.out, "classes.json")) as f:
            self.assertEqual(json.load(f), CLASS_NAMES)
        with open(os.path.join(self.out, "meta.json")) as f:
            meta = json.load(f)
        self.assertEqual((meta["architecture"], meta["seed"], meta["accuracy"], meta["examples"]), ("resnet10", 0, 0.5, 200))
        self.assertEqual([s["module"] for s in meta["stages"]], ["layer1", "layer2", "layer3", "layer4"])
        self.assertFalse([f for f in os.listdir(self.out) if f.endswith(".partial")])
        self.assertTrue(self.model.training is False)

    def test_images_and_memorization_scores(self):
        # Inputs in [0, 1] (no normalisation) are stored as the original uint8 pixels.
        x = torch.from_numpy(self.images).float().div(255.0).unsqueeze(1)
        loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, torch.from_numpy(self.labels)), batch_size=50)
        scores = np.linspace(0, 1, 200)
        export_activations(self.model, loader, stages=["layer3", "layer4"], out=self.out, images=True,
                           classes=CLASS_NAMES, mem_scores=scores, progress=False)
        np.testing.assert_array_equal(np.load(os.path.join(self.out, "images.npy")), self.images)
        with np.load(os.path.join(self.out, "mem_scores.npz")) as mem:
            np.testing.assert_array_equal(mem["tr_mem"], scores)
            np.testing.assert_array_equal(mem["tr_labels"], self.labels)
        self.assertEqual(sorted(f for f in os.listdir(self.out) if f.startswith("avg_pooling")), ["avg_pooling_0_acts.npy", "avg_pooling_1_acts.npy"])
        np.testing.assert_allclose(np.load(os.path.join(self.out, "avg_pooling_1_acts.npy")).shape, (200, 64))

    def test_bad_requests_fail_clearly_and_leave_no_files(self):
        with self.assertRaisesRegex(ValueError, r"\['layer9'\] are not modules of ResNet; its top-level modules are \['stem', 'layer1'"):
            export_activations(self.model, loader_of(self.images, self.labels), stages=["layer1", "layer9"], out=self.out, progress=False)
        with self.assertRaisesRegex(ValueError, r"normalised\?"):
            export_activations(self.model, loader_of(self.images, self.labels), out=self.out, images=True, progress=False)

        def broken():
            yield next(iter(loader_of(self.images, self.labels)))
            raise RuntimeError("disk full")

        with self.assertRaisesRegex(RuntimeError, "disk full"):
            export_activations(self.model, broken(), out=self.out, progress=False)
        self.assertEqual(os.listdir(self.out), [])
        self.assertTrue(self.model.training is False)


if __name__ == "__main__":
    unittest.main()
