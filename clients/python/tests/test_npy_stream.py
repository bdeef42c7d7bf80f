import os
import tempfile
import unittest

import numpy as np

from classfit_client import NpyAppender


class NpyAppenderTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "acts.npy")

    def tearDown(self):
        self.dir.cleanup()

    def test_batches_read_back_as_one_array_with_the_final_shape(self):
        rng = np.random.default_rng(0)
        batches = [rng.normal(size=(b, 5)) for b in (3, 0, 64, 1)]
        with NpyAppender(self.path, np.float32, (5,)) as out:
            for batch in batches:
                out.append(batch)
        got = np.load(self.path)
        self.assertEqual(got.dtype, np.float32)
        np.testing.assert_array_equal(got, np.concatenate(batches).astype(np.float32))
        self.assertFalse(os.path.exists(self.path + ".partial"))

    def test_header_length_is_numpy_aligned_and_large_shapes_fit(self):
        with NpyAppender(self.path, np.uint8, (28, 28, 3)) as out:
            out.append(np.zeros((2, 28, 28, 3), dtype=np.uint8))
        with open(self.path, "rb") as f:
            version = np.lib.format.read_magic(f)
            shape, fortran, dtype = np.lib.format._read_array_header(f, version)
            self.assertEqual(f.tell() % 64, 0)
        self.assertEqual((shape, fortran, dtype), ((2, 28, 28, 3), False, np.dtype(np.uint8)))

    def test_a_wrong_row_shape_names_the_file_and_an_error_leaves_no_file(self):
        with self.assertRaisesRegex(ValueError, r"acts\.npy: rows must have shape \(5,\)"):
            with NpyAppender(self.path, np.float32, (5,)) as out:
                out.append(np.zeros((2, 5)))
                out.append(np.zeros((2, 4)))
        self.assertFalse(os.path.exists(self.path))
        self.assertFalse(os.path.exists(self.path + ".partial"))


if __name__ == "__main__":
    unittest.main()
