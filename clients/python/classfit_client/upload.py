"""Sending a folder to a classfit server's `/uploads` endpoint (stdlib only): one multipart request per file,
streamed from disk, with the file's SHA-256 announced so the server checks it on arrival."""
import hashlib
import json
import os
import urllib.error
import urllib.request
import uuid

from .errors import TransportError, UserInputError

#: The sub-folders of the authors' layout that hold split files.
SPLIT_FOLDERS = ("dkls", "generative_classification")
_CHUNK = 1 << 20


def folder_files(folder):
    """(name inside the folder, path, size) of every regular file of `folder` and of its split sub-folders."""
    if not os.path.isdir(folder):
        raise FileNotFoundError(f"{folder} is not a folder")
    out = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        if entry.is_file():
            out.append((entry.name, entry.path, entry.stat().st_size))
        elif entry.is_dir() and entry.name in SPLIT_FOLDERS:
            for inner in sorted(os.scandir(entry.path), key=lambda e: e.name):
                if inner.is_file() and not inner.name.startswith("."):
                    out.append((f"{entry.name}/{inner.name}", inner.path, inner.stat().st_size))
    if not out:
        raise FileNotFoundError(f"{folder} holds no files to upload")
    return out


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _MultipartBody:
    """A multipart/form-data body of one text field and one file, streamed from disk (an iterable with a length)."""

    def __init__(self, name, path, sha256):
        self.boundary = f"classfit-{uuid.uuid4().hex}"
        quoted = name.replace('"', "%22")
        self._head = (f"--{self.boundary}\r\ncontent-disposition: form-data; name=\"sha256:{quoted}\"\r\n\r\n{sha256}\r\n"
                      f"--{self.boundary}\r\ncontent-disposition: form-data; name=\"{quoted}\"; filename=\"{os.path.basename(path)}\"\r\n"
                      "content-type: application/octet-stream\r\n\r\n").encode("utf-8")
        self._tail = f"\r\n--{self.boundary}--\r\n".encode("utf-8")
        self._path = path
        self.length = len(self._head) + os.path.getsize(path) + len(self._tail)

    def __iter__(self):
        yield self._head
        with open(self._path, "rb") as f:
            for chunk in iter(lambda: f.read(_CHUNK), b""):
                yield chunk
        yield self._tail


class Uploads:
    """The `/uploads` endpoint beside a GraphQL URL."""

    def __init__(self, graphql_url, token=None, timeout=60.0):
        self.base = graphql_url[: -len("/graphql")] if graphql_url.rstrip("/").endswith("/graphql") else graphql_url.rstrip("/")
        self.base = self.base.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _call(self, path, data=None, headers=None, what="upload"):
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(f"{self.base}{path}", data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            try:
                body = json.loads(error.read())
            except ValueError:
                raise TransportError(f"{what}: HTTP {error.code} {error.reason}") from None
            raise UserInputError(what, [{"field": None, "message": body.get("error", str(body)), "code": body.get("code")}]) from None
        except (urllib.error.URLError, OSError) as error:
            raise TransportError(f"cannot reach {self.base}: {getattr(error, 'reason', error)}") from None

    def start(self):
        """A new upload's manifest (`uploadId`, `files`, `limits`)."""
        return self._call("/uploads", data=b"", what="starting the upload")

    def send_file(self, upload_id, name, path):
        """Sends one file; returns the upload's manifest."""
        body = _MultipartBody(name, path, _sha256(path))
        headers = {"Content-Type": f"multipart/form-data; boundary={body.boundary}", "Content-Length": str(body.length)}
        return self._call(f"/uploads/{upload_id}/files", data=body, headers=headers, what=f"sending {name}")
