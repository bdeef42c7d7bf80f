"""Append-only .npy writer: rows go straight to disk, the header is fixed up on close.

An export of 50,000 x 512 float32 activations never needs the whole array in memory: each batch is
written as it comes, and the shape in the header (reserved with room to spare) is rewritten once the
number of rows is known. The file appears under its final name only when it is complete.
"""
import os

import numpy as np

_MAGIC = b"\x93NUMPY\x01\x00"
# Header length (magic + 2-byte length + dict + padding + newline): a multiple of 64, as numpy writes,
# and large enough for any shape of a few dimensions with 20-digit sizes.
_HEADER_BYTES = 192


def _header(dtype, shape):
    text = "{'descr': %r, 'fortran_order': False, 'shape': %r, }" % (np.lib.format.dtype_to_descr(dtype), tuple(shape))
    room = _HEADER_BYTES - len(_MAGIC) - 2 - 1
    if len(text) > room:
        raise ValueError(f"npy header for shape {tuple(shape)} does not fit in {_HEADER_BYTES} bytes")
    body = text.ljust(room) + "\n"
    return _MAGIC + len(body).to_bytes(2, "little") + body.encode("latin1")


class NpyAppender:
    """Writes a C-order .npy file of rows with a fixed trailing shape, one batch at a time.

    >>> with NpyAppender("acts.npy", np.float32, (512,)) as out:
    ...     for batch in batches:          # each [b, 512]
    ...         out.append(batch)
    """

    def __init__(self, path, dtype, row_shape=()):
        self.path = os.fspath(path)
        self.dtype = np.dtype(dtype).newbyteorder("<") if np.dtype(dtype).byteorder == ">" else np.dtype(dtype)
        self.row_shape = tuple(int(s) for s in row_shape)
        self.rows = 0
        self._partial = self.path + ".partial"
        self._file = open(self._partial, "wb")
        self._file.write(_header(self.dtype, (0,) + self.row_shape))

    def append(self, batch):
        """Appends `batch` ([b, *row_shape]); values are converted to the file's dtype."""
        array = np.ascontiguousarray(batch, dtype=self.dtype)
        if array.shape[1:] != self.row_shape:
            raise ValueError(f"{os.path.basename(self.path)}: rows must have shape {self.row_shape}, got a batch of shape {array.shape}")
        self._file.write(array.tobytes(order="C"))
        self.rows += array.shape[0]

    def close(self):
        """Rewrites the header with the final row count and moves the file to its name."""
        if self._file is None:
            return
        self._file.seek(0)
        self._file.write(_header(self.dtype, (self.rows,) + self.row_shape))
        self._file.close()
        self._file = None
        os.replace(self._partial, self.path)

    def abort(self):
        """Removes the partial file (after an error)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        if os.path.exists(self._partial):
            os.remove(self._partial)

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.close()
        else:
            self.abort()
        return False
