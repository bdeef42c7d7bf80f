import base64
import unittest

import numpy as np

from classfit_client import decode_array, encode_array


class WireFormatTest(unittest.TestCase):
    def test_round_trip_is_little_endian_float32_in_c_order(self):
        points = np.arange(6, dtype=np.float64).reshape(2, 3).T  # Fortran-ordered view
        wire = encode_array(points)
        self.assertEqual(wire["shape"], [3, 2])
        raw = np.frombuffer(base64.b64decode(wire["data"]), dtype="<f4")
        np.testing.assert_array_equal(raw, [0, 3, 1, 4, 2, 5])
        np.testing.assert_array_equal(decode_array(wire), points.astype(np.float32))

    def test_bad_points_are_rejected_naming_the_entry(self):
        with self.assertRaisesRegex(ValueError, r"2-D"):
            encode_array(np.zeros(3))
        bad = np.zeros((2, 2))
        bad[1, 0] = np.nan
        with self.assertRaisesRegex(ValueError, r"row 1 col 0"):
            encode_array(bad)

    def test_a_wire_array_whose_data_does_not_match_its_shape_is_an_error(self):
        wire = encode_array(np.zeros((2, 2)))
        wire["shape"] = [3, 2]
        with self.assertRaisesRegex(ValueError, r"4 values for shape \(3, 2\)"):
            decode_array(wire)


if __name__ == "__main__":
    unittest.main()
