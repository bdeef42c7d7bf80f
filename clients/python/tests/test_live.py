"""End to end against a live `classfit serve` started here: export → import → analyse → read back → compare with
`classfit report --format json`. Needs torch, node and this repository's checkout (the test starts the CLI)."""
import io
import json
import os
import shutil
import unittest

import numpy as np

from classfit_client import (AnalysisFailedError, Client, GraphQLError, NotFoundError, UserInputError,
                            export_activations)

from .support import CLI, ClassfitServer, classfit, fashion_mnist, loader_of, needs_torch, small_resnet, temporary_home, train_briefly

REDUCE = [4, 8, 8, 16]
SWEEPS = {"iterations": 24, "burn_in": 16, "thin": 4, "seed": 3}  # two kept traces: enough to exercise every step


@needs_torch
@unittest.skipUnless(shutil.which("node") and os.path.exists(CLI), "needs node and the classfit checkout")
class LiveServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.home_dir = temporary_home()
        cls.home = cls.home_dir.name
        images, labels = fashion_mnist(per_class=30)  # 300 real images
        model = small_resnet(width=8)
        cls.accuracy = train_briefly(model, images, labels, epochs=2)
        cls.layout = os.path.join(cls.home, "layout")
        # Seeded stand-in memorization scores, so that the least/most/random subsets of every analysis exist.
        memorization = np.random.default_rng(1).beta(0.5, 2.0, size=len(labels))
        export_activations(model, loader_of(images, labels), out=cls.layout, architecture="resnet10", seed=0,
                           accuracy=cls.accuracy, mem_scores=memorization, progress=False)
        cls.acts = [np.load(os.path.join(cls.layout, f"avg_pooling_{i}_acts.npy")) for i in range(4)]
        cls.labels = labels
        with ClassfitServer(cls.home) as server:
            cf = Client(server.graphql)
            cls.upload_progress = []
            cls.uploaded = cf.upload_model(cls.layout, "fmnist-torch-upload", architecture="resnet10", dataset="fashion-mnist",
                                           seed=0, accuracy=cls.accuracy, progress=lambda *step: cls.upload_progress.append(step))
            try:
                cf.upload_model(os.path.join(cls.home, "no-such-folder"), "ghost")
            except FileNotFoundError as error:
                cls.errors_upload = error
            cls.model = cf.import_model(cls.layout, "fmnist-torch", architecture="resnet10", dataset="fashion-mnist",
                                        seed=0, accuracy=cls.accuracy)
            cls.errors = {}
            for key, call in {
                "reduce": lambda: cf.start_analysis("fmnist-torch", reduce=[4, 8]),
                "duplicate": lambda: cf.import_model(cls.layout, "fmnist-torch"),
                "unknown model": lambda: cf.start_analysis("no-such-model"),
            }.items():
                try:
                    call()
                except (UserInputError, GraphQLError) as error:
                    cls.errors[key] = error
            run = cf.start_analysis("fmnist-torch", reduce=REDUCE, **SWEEPS)
            cls.progress = io.StringIO()
            cls.fit_run = cf.wait(run, timeout=900, stream=cls.progress)
            cls.summaries = cf.layer_summary("fmnist-torch")
            cls.fits = {layer["name"]: cf.class_fits("fmnist-torch", layer["name"]) for layer in cls.model["layers"]}
            last = cls.model["layers"][-1]
            cls.points = cls.acts[3][:20]
            cls.labels_out, cls.logp = cf.log_density("fmnist-torch", last["name"], cls.points)
            cls.scores = cf.execute("""query ($id: ID!) { layer(id: $id) { exampleScores(first: 20) { nodes { exampleIndex label logDensity } } } }""",
                                    {"id": last["id"]})["layer"]["exampleScores"]["nodes"]
            try:
                cf.log_density("fmnist-torch", last["name"], cls.points[:, :5])
            except GraphQLError as error:
                cls.errors["dimension"] = error
        # The embedded database is single-process: the report runs after the server has stopped.
        cls.report = json.loads(classfit(["report", "--model", "fmnist-torch", "--format", "json"], cls.home).stdout)[0]

    @classmethod
    def tearDownClass(cls):
        cls.home_dir.cleanup()

    def test_import_keeps_the_exported_shapes_and_provenance(self):
        layers = self.model["layers"]
        self.assertEqual([l["dim"] for l in layers], [8, 16, 32, 64])
        self.assertEqual([l["index"] for l in layers], [0, 1, 2, 3])
        self.assertEqual(self.fit_run["status"], "SUCCEEDED")
        self.assertEqual([s["reducedDim"] for s in self.summaries], REDUCE)

    def test_wait_draws_a_progress_line_until_the_run_succeeds(self):
        lines = [line for line in self.progress.getvalue().split("\r") if line.strip()]
        self.assertIn("100.0%", lines[-1])
        self.assertIn("succeeded", lines[-1])
        self.assertTrue(self.progress.getvalue().endswith("\n"))

    def test_upload_sends_the_folder_file_by_file_and_imports_it_like_the_path_import(self):
        self.assertEqual([l["name"] for l in self.uploaded["layers"]], [l["name"] for l in self.model["layers"]])
        self.assertEqual([l["dim"] for l in self.uploaded["layers"]], [8, 16, 32, 64])
        names = [name for name, _, _ in self.upload_progress]
        self.assertIn("labels.npy", names)
        self.assertTrue({f"avg_pooling_{i}_acts.npy" for i in range(4)} <= set(names))
        sent, total = self.upload_progress[-1][1:]
        self.assertEqual(sent, total)
        self.assertEqual(total, sum(os.path.getsize(os.path.join(self.layout, n)) for n in names))
        self.assertIn("no-such-folder is not a folder", str(self.errors_upload))

    def test_typed_errors_carry_the_servers_user_errors(self):
        reduce = self.errors["reduce"]
        self.assertIsInstance(reduce, UserInputError)
        self.assertEqual(reduce.user_errors[0]["code"], "BAD_USER_INPUT")
        self.assertEqual(reduce.user_errors[0]["field"][:2], ["input", "reduce"])
        self.assertIsInstance(self.errors["duplicate"], UserInputError)
        self.assertIn("already exists", str(self.errors["duplicate"]))
        self.assertIsInstance(self.errors["unknown model"], NotFoundError)
        self.assertEqual(self.errors["dimension"].code, "BAD_USER_INPUT")

    def test_class_fits_agree_with_the_cli_report(self):
        for summary, layer in zip(self.summaries, self.report["layers"]):
            fits = self.fits[summary["name"]]
            self.assertEqual(layer["name"], summary["name"])
            np.testing.assert_array_equal(fits["label"], np.arange(10))
            np.testing.assert_array_equal(fits["n"], np.full(10, 30))
            split = summary["groupSplit"]
            self.assertEqual((split["lowCount"], split["highCount"]), (layer["split"]["low"], layer["split"]["high"]))
            self.assertAlmostEqual(split["gap"], layer["split"]["gap"], places=9)
            low = fits["group"] == "LOW"
            self.assertEqual(int(low.sum()), split["lowCount"])
            self.assertEqual(sorted(fits["label"][low].tolist()), split["lowLabels"])
            for group, mask in (("low", low), ("high", ~low)):
                self.assertAlmostEqual(float(np.mean(fits["meanLogDensity"][mask])), layer["meanLogDensity"][group], places=9)
                self.assertAlmostEqual(float(np.median(fits["sdLogDensity"][mask])), layer["medianSd"][group], places=9)
            # The split is a real split of the class means: every LOW mean below every HIGH mean.
            self.assertLess(fits["meanLogDensity"][low].max(), fits["meanLogDensity"][~low].min())
            self.assertEqual(sorted(layer["genclassF1"]), ["least", "most", "random"])
            # KL subsets need classes with more examples than these 30 (METHOD.md J), so both sides list none.
            self.assertEqual(sorted(summary["klMatrices"]), sorted(layer["klMean"]))
            for subset, f1 in layer["genclassF1"].items():
                self.assertAlmostEqual(summary["generativeClassification"][subset]["f1Mean"], f1, places=9)
            for subset, kl in layer["klMean"].items():
                self.assertAlmostEqual(summary["klMatrices"][subset]["mean"], kl, places=9)

    def test_log_density_of_training_points_matches_their_stored_scores(self):
        self.assertEqual(self.logp.shape, (20, 10))
        self.assertEqual(self.logp.dtype, np.float32)
        np.testing.assert_array_equal(self.labels_out, np.arange(10))
        for score in self.scores:
            i = score["exampleIndex"]
            self.assertEqual(score["label"], int(self.labels[i]))
            # Points travel as float32 and results come back as float32: ~1e-6 relative on each side.
            self.assertAlmostEqual(float(self.logp[i, score["label"]]), score["logDensity"], delta=1e-4 * max(1.0, abs(score["logDensity"])))


if __name__ == "__main__":
    unittest.main()
