"""The API's numeric wire format: `{ dtype: "float32", shape, data }`, data = base64 of little-endian float32, C order."""
import base64

import numpy as np


def encode_array(values):
    """numpy-like [n, d] (any real dtype) -> the `NumericArrayInput` dict; NaN/inf are rejected here, naming the entry."""
    array = np.asarray(values, dtype="<f4")
    if array.ndim != 2:
        raise ValueError(f"points must be a 2-D array [n, d]; got shape {array.shape}")
    bad = np.argwhere(~np.isfinite(array))
    if bad.size:
        row, col = bad[0]
        raise ValueError(f"points must be finite; row {row} col {col} is {array[row, col]}")
    return {"dtype": "float32", "shape": list(array.shape), "data": base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")}


def decode_array(wire):
    """The `NumericArray` dict -> a float32 numpy array of its shape (a copy, writable)."""
    if wire is None:
        return None
    if wire.get("dtype") != "float32":
        raise ValueError(f"unsupported wire dtype {wire.get('dtype')!r} (expected 'float32')")
    shape = tuple(wire["shape"])
    flat = np.frombuffer(base64.b64decode(wire["data"]), dtype="<f4")
    if flat.size != int(np.prod(shape, dtype=np.int64)):
        raise ValueError(f"wire array has {flat.size} values for shape {shape}")
    return flat.reshape(shape).astype(np.float32)
