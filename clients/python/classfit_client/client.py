"""`Client`: import, analyse and read back models on a classfit server, with numpy in and out.

    from classfit_client import Client
    cf = Client("http://127.0.0.1:4000/graphql", token=None)
    run = cf.start_analysis("my-resnet18", iterations=400)
    cf.wait(run)                                  # a progress line on stderr until the run stops
    fits = cf.class_fits("my-resnet18", "stage4")  # dict of numpy columns, one entry per class
"""
import base64
import sys
import time

import numpy as np

from .errors import AnalysisFailedError, ClassfitError, NotFoundError, UploadUnavailableError, UserInputError
from . import upload
from .graphql import GraphQLTransport
from .wire import decode_array, encode_array

_USER_ERRORS = "userErrors { field message code }"
_RUN = "id status error backend progress { phase layer layerIndex layerCount classesDone classCount sweep totalSweeps fraction message }"
_LAYER = "id name index relativeDepth dim reducedDim"

_MODEL_BY_NAME = """query ($name: String!) { models(first: 2, filter: { name: { eq: $name } }) { nodes { id name } } }"""
_MODEL = """query ($id: ID!) { model(id: $id) { id name accuracy seed architecture { name } dataset { name }
  latestFitRun { id } layers(first: 100) { nodes { %s } } } }""" % _LAYER
_IMPORT = """mutation ($input: ImportModelInput!) { importModel(input: $input) {
  model { id name layers(first: 100) { nodes { %s } } } warnings %s } }""" % (_LAYER, _USER_ERRORS)
_START = """mutation ($input: StartAnalysisInput!) { startAnalysis(input: $input) { fitRun { %s } %s } }""" % (_RUN, _USER_ERRORS)
_RUN_QUERY = """query ($id: ID!) { fitRun(id: $id) { %s } }""" % _RUN
_CLASS_FITS = """query ($id: ID!, $run: ID, $after: String) { layer(id: $id) { classFits(first: 100, after: $after, fitRun: $run) {
  pageInfo { hasNextPage endCursor }
  nodes { label class { name } n meanLogDensity sdLogDensity relativeEntropy relativeEntropySe meanDistance group meanClusterCount } } } }"""
_LAYER_SUMMARY = """query ($id: ID!, $run: ID) { layer(id: $id) { %s svd { components varianceFraction }
  groupSplit(fitRun: $run) { threshold gap lowCount highCount lowLabels highLabels }
  generativeClassification(fitRun: $run) { subset exampleCount f1Mean f1Sd accuracy }
  klMatrices(fitRun: $run) { subset mean sd } } }""" % _LAYER
_LOG_DENSITY = """query ($id: ID!, $points: PointsInput!, $run: ID) { logDensity(layerId: $id, points: $points, fitRun: $run) {
  fitRun { id } labels logDensities { dtype shape data } } }"""
_INPUT_FIELDS = """query ($name: String!) { __type(name: $name) { inputFields { name } } }"""

_CLASS_COLUMNS = ("label", "n", "meanLogDensity", "sdLogDensity", "relativeEntropy", "relativeEntropySe", "meanDistance", "meanClusterCount")
_TERMINAL = {"SUCCEEDED", "FAILED", "CANCELLED"}


def _is_global_id(value, type_name):
    try:
        return base64.b64decode(value, validate=True).decode("utf-8").startswith(type_name + ":")
    except (ValueError, UnicodeDecodeError):
        return False


def _drop_none(values):
    return {k: v for k, v in values.items() if v is not None}


class Client:
    """A classfit GraphQL endpoint, e.g. `Client("http://127.0.0.1:4000/graphql", token="cf_…")`.

    Models are named by name or global ID; layers by name (e.g. "stage4") or global ID. Methods raise
    `UserInputError` (with the server's userErrors), `NotFoundError`, `GraphQLError` or `TransportError`.
    """

    def __init__(self, url="http://127.0.0.1:4000/graphql", token=None, timeout=60.0):
        self._graphql = GraphQLTransport(url, token, timeout)
        self.url = url

    def execute(self, query, variables=None):
        """Runs any GraphQL operation and returns its `data` (the escape hatch for fields this client does not wrap)."""
        return self._graphql.execute(query, variables)

    # --- models and layers ------------------------------------------------------------------------------------

    def model(self, model):
        """The model as a dict: id, name, accuracy, seed, architecture, dataset, latestFitRun, layers (list)."""
        found = self.execute(_MODEL, {"id": self._model_id(model)})["model"]
        if found is None:
            raise NotFoundError([{"message": f"no model {model!r}", "extensions": {"code": "NOT_FOUND"}}])
        found["layers"] = found["layers"]["nodes"]
        return found

    def layers(self, model):
        """The model's layers, shallowest first: dicts with id, name, index, relativeDepth, dim, reducedDim."""
        return self.model(model)["layers"]

    def _model_id(self, model):
        if isinstance(model, dict):
            return model["id"]
        if _is_global_id(model, "Model"):
            return model
        nodes = self.execute(_MODEL_BY_NAME, {"name": model})["models"]["nodes"]
        if not nodes:
            raise NotFoundError([{"message": f"no model named {model!r}", "extensions": {"code": "NOT_FOUND"}}])
        return nodes[0]["id"]

    def _layer_id(self, model, layer):
        if isinstance(layer, dict):
            return layer["id"]
        if _is_global_id(layer, "Layer"):
            return layer
        layers = self.layers(model)
        for candidate in layers:
            if layer in (candidate["name"], candidate.get("sourceName")):
                return candidate["id"]
        raise NotFoundError([{"message": f"model {model!r} has no layer {layer!r}; its layers are {[l['name'] for l in layers]}",
                              "extensions": {"code": "NOT_FOUND"}}])

    # --- bringing a model --------------------------------------------------------------------------------------

    def import_model(self, path, name, architecture=None, dataset=None, project=None, seed=None, accuracy=None, tags=None):
        """Imports a folder in the authors' layout that lies on the server's disk; returns the model dict."""
        payload = self.execute(_IMPORT, {"input": _drop_none({
            "path": str(path), "name": name, "architecture": architecture, "dataset": dataset, "project": project,
            "seed": seed, "accuracy": accuracy, "tags": tags})})["importModel"]
        return self._imported(payload)

    def upload_model(self, folder, name, architecture=None, dataset=None, project=None, seed=None, accuracy=None, tags=None,
                     progress=None):
        """Uploads a local folder in the authors' layout (e.g. from `export_activations`) and imports it; returns the model dict.

        Each file (the folder's own and those of its `dkls/` and `generative_classification/` sub-folders) goes to
        the server's `/uploads` endpoint in its own request, its SHA-256 announced and checked there; then
        `importModel(input: { uploadId })` validates everything at once. Needs the editor role (a `token` for a
        server with users). `progress(name, sent_bytes, total_bytes)` is called after each file. On a server
        without the upload endpoint raises UploadUnavailableError.
        """
        fields = self.execute(_INPUT_FIELDS, {"name": "ImportModelInput"})["__type"]
        names = {f["name"] for f in (fields or {}).get("inputFields") or []}
        if "uploadId" not in names:
            raise UploadUnavailableError(
                f"{self.url} has no upload endpoint (ImportModelInput has no uploadId; it arrives with classfit's "
                "team-platform work). Import a folder that is on the server's disk with import_model(path, name), "
                "or run `classfit import FOLDER --name NAME` there.")
        files = upload.folder_files(folder)
        uploads = upload.Uploads(self._graphql.url, self._graphql.token, self._graphql.timeout)
        manifest = uploads.start()
        total = sum(size for _, _, size in files)
        sent = 0
        for relative, path, size in files:
            uploads.send_file(manifest["uploadId"], relative, path)
            sent += size
            if progress:
                progress(relative, sent, total)
        payload = self.execute(_IMPORT, {"input": _drop_none({
            "uploadId": manifest["uploadId"], "name": name, "architecture": architecture, "dataset": dataset,
            "project": project, "seed": seed, "accuracy": accuracy, "tags": tags})})["importModel"]
        return self._imported(payload)

    def _imported(self, payload):
        if payload["userErrors"]:
            raise UserInputError("importModel", payload["userErrors"])
        model = payload["model"]
        model["layers"] = model["layers"]["nodes"]
        model["warnings"] = payload.get("warnings", [])
        return model

    # --- analysis ----------------------------------------------------------------------------------------------

    def start_analysis(self, model, layers=None, reduce=None, iterations=None, burn_in=None, thin=None, seed=None):
        """Queues an analysis of `model`; returns the fit run dict (id, status, progress) at once."""
        payload = self.execute(_START, {"input": _drop_none({
            "modelId": self._model_id(model), "layers": layers, "reduce": reduce, "iterations": iterations,
            "burnIn": burn_in, "thin": thin, "seed": seed})})["startAnalysis"]
        if payload["userErrors"]:
            raise UserInputError("startAnalysis", payload["userErrors"])
        return payload["fitRun"]

    def run(self, run):
        """The fit run's current state (dict with id, status, error, backend, progress)."""
        found = self.execute(_RUN_QUERY, {"id": run["id"] if isinstance(run, dict) else run})["fitRun"]
        if found is None:
            raise NotFoundError([{"message": f"no fit run {run!r}", "extensions": {"code": "NOT_FOUND"}}])
        return found

    def wait(self, run, progress=True, poll_seconds=1.0, timeout=None, stream=None):
        """Polls until the run stops; prints one updating progress line (to stderr) unless progress=False.

        Returns the final run dict when it SUCCEEDED; raises AnalysisFailedError when it FAILED or was CANCELLED,
        TimeoutError after `timeout` seconds.
        """
        stream = stream or sys.stderr
        started = time.monotonic()
        while True:
            state = self.run(run)
            if progress:
                stream.write("\r" + _progress_text(state) + " " * 8)
                stream.flush()
            if state["status"] in _TERMINAL:
                if progress:
                    stream.write("\n")
                if state["status"] != "SUCCEEDED":
                    raise AnalysisFailedError(state)
                return state
            if timeout is not None and time.monotonic() - started > timeout:
                raise TimeoutError(f"fit run {state['id']} still {state['status']} after {timeout} s")
            time.sleep(poll_seconds)

    # --- results -----------------------------------------------------------------------------------------------

    def class_fits(self, model, layer, run=None, as_frame=False):
        """Per-class results of one layer: a dict of numpy columns (label, name, n, meanLogDensity, sdLogDensity,
        relativeEntropy, relativeEntropySe, meanDistance, group, meanClusterCount), rows in label order; missing values
        are NaN. `as_frame=True` returns a pandas DataFrame (pandas imported only then)."""
        layer_id = self._layer_id(model, layer)
        nodes, after = [], None
        while True:
            page = self.execute(_CLASS_FITS, {"id": layer_id, "run": _run_id(run), "after": after})["layer"]["classFits"]
            nodes.extend(page["nodes"])
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        columns = {key: np.array([np.nan if node[key] is None else node[key] for node in nodes], dtype=np.float64) for key in _CLASS_COLUMNS}
        columns["label"] = columns["label"].astype(np.int64)
        columns["n"] = columns["n"].astype(np.int64)
        columns["name"] = np.array([node["class"]["name"] for node in nodes], dtype=object)
        columns["group"] = np.array([node["group"] for node in nodes], dtype=object)
        if as_frame:
            import pandas

            return pandas.DataFrame(columns)
        return columns

    def layer_summary(self, model, layer=None, run=None):
        """One layer's findings as a plain dict (dims, SVD, groupSplit, generativeClassification by subset, KL means
        by subset); with layer=None, a list of them for every layer, shallowest first."""
        if layer is None:
            return [self.layer_summary(model, entry, run) for entry in self.layers(model)]
        summary = self.execute(_LAYER_SUMMARY, {"id": self._layer_id(model, layer), "run": _run_id(run)})["layer"]
        summary["generativeClassification"] = {g["subset"]: g for g in summary["generativeClassification"]}
        summary["klMatrices"] = {k["subset"]: k for k in summary["klMatrices"]}
        return summary

    def log_density(self, model, layer, points, run=None):
        """log p(x | class) of new points under every class density of the layer.

        points   [n, d] array in the layer's raw or reduced dimension (sent as base64 float32)
        returns  (labels int64 [C], log_densities float32 [n, C]); column j belongs to class labels[j]
        """
        result = self.execute(_LOG_DENSITY, {"id": self._layer_id(model, layer), "points": {"array": encode_array(points)},
                                             "run": _run_id(run)})["logDensity"]
        return np.asarray(result["labels"], dtype=np.int64), decode_array(result["logDensities"])


def _run_id(run):
    if run is None:
        return None
    return run["id"] if isinstance(run, dict) else run


def _progress_text(state):
    p = state.get("progress") or {}
    fraction = p.get("fraction")
    bar_width = 24
    filled = int(round((fraction or 0.0) * bar_width))
    parts = [f"[{'#' * filled}{'.' * (bar_width - filled)}] {100 * (fraction or 0):5.1f}%", state["status"].lower()]
    if p.get("phase"):
        parts.append(p["phase"])
    if p.get("layer"):
        parts.append(f"{p['layer']} ({(p.get('layerIndex') or 0) + 1}/{p.get('layerCount') or '?'})")
    if p.get("sweep") is not None and p.get("totalSweeps"):
        parts.append(f"sweep {p['sweep']}/{p['totalSweeps']}")
    return "  ".join(parts)



