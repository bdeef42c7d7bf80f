"""Predictive files written the way another tool would write them, plus scipy's answer.

For d in (2, 8, 16, 64) and both trace-averaging modes, writes a
`classfit.predictive/v1` file (DESIGN.md §7) with 3 classes of random
multivariate Student-t mixtures, a points file that includes far-tail points,
and log p(x | class) computed with scipy.stats.multivariate_t — the reference
`classfit score` must match to 1e-4 relative error.

Run from the repository root:  /usr/bin/python3 tests/scripts/make_predictive_files.py
"""
import json
import os

import numpy as np
from scipy.special import logsumexp
from scipy.stats import multivariate_t

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "predictive")
rng = np.random.default_rng(7)


def random_tril(d):
    a = rng.standard_normal((d, d)) * 0.3
    shape = a @ a.T + np.diag(rng.uniform(0.2, 2.0, d))
    return np.linalg.cholesky(shape)


def make_class(label, d, traces, per_trace):
    comps = []
    for t in range(traces):
        w = rng.dirichlet(np.ones(per_trace)) / traces
        for k in range(per_trace):
            comps.append({
                "weight": float(w[k]),
                "df": float(rng.choice([3.0, 4.5, 30.0, 400.0])),
                "loc": rng.normal(0, 2.0, d).tolist(),
                "scaleTril": random_tril(d).tolist(),
                "trace": t,
            })
    return {
        "label": label,
        "name": f"class-{label}",
        "n": int(rng.integers(50, 500)),
        "components": comps,
        "reference": {"mean": rng.normal(0, 1, d).tolist(), "variance": rng.uniform(0.5, 2, d).tolist()},
    }


def log_density(cls, x, mode):
    comps = cls["components"]
    parts = np.stack([
        np.log(c["weight"]) + multivariate_t(np.array(c["loc"]), np.array(c["scaleTril"]) @ np.array(c["scaleTril"]).T, df=c["df"]).logpdf(x)
        for c in comps
    ])
    if mode == "density":
        return logsumexp(parts, axis=0)
    traces = sorted({c["trace"] for c in comps})
    T = len(traces)
    per_trace = [logsumexp(parts[[i for i, c in enumerate(comps) if c["trace"] == t]], axis=0) + np.log(T) for t in traces]
    return np.mean(per_trace, axis=0)


os.makedirs(OUT, exist_ok=True)
cases = []
for d in (2, 8, 16, 64):
    for mode in ("density", "log"):
        traces = 3 if mode == "log" else 1
        classes = [make_class(label, d, traces, 3) for label in (0, 1, 5)]
        near = rng.normal(0, 2.0, (40, d))
        far = rng.normal(0, 1, (8, d)) * 60.0  # far tails: Mahalanobis in the thousands
        points = np.concatenate([near, far])
        name = f"d{d}_{mode}"
        doc = {"format": "classfit.predictive/v1", "dim": d, "traceAveraging": mode, "classes": classes}
        if mode == "density":
            del doc["traceAveraging"]  # absent means density (DESIGN.md §7)
            for cls in classes:
                for c in cls["components"]:
                    del c["trace"]
        with open(os.path.join(OUT, f"{name}.fit.json"), "w") as f:
            json.dump(doc, f)
        np.save(os.path.join(OUT, f"{name}.points.npy"), points.astype(np.float64))
        expected = np.stack([log_density(cls, points, mode) for cls in classes], axis=1)
        np.save(os.path.join(OUT, f"{name}.expected.npy"), expected)
        cases.append(name)

# One case with a projection: raw dim 10 → 4, z = V x (no centring).
d_raw, d = 10, 4
V = np.linalg.qr(rng.standard_normal((d_raw, d)))[0].T
classes = [make_class(label, d, 1, 2) for label in (0, 1)]
for cls in classes:
    for c in cls["components"]:
        del c["trace"]
raw = rng.normal(0, 2.0, (30, d_raw))
doc = {"format": "classfit.predictive/v1", "dim": d, "projection": {"components": V.tolist()}, "classes": classes}
with open(os.path.join(OUT, "projected.fit.json"), "w") as f:
    json.dump(doc, f)
np.save(os.path.join(OUT, "projected.points.npy"), raw)
np.save(os.path.join(OUT, "projected.expected.npy"), np.stack([log_density(cls, raw @ V.T, "density") for cls in classes], axis=1))
cases.append("projected")
with open(os.path.join(OUT, "cases.json"), "w") as f:
    json.dump(cases, f, indent=1)
print(cases)
