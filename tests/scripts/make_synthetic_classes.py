"""Synthetic acceptance data for the density engine (issue: engine acceptance).

3 classes, each a mixture of 4 full-covariance Gaussians in 16-D; 600 training
and 1000 held-out points per class. Writes the data as .npy, the exact
generating log-density of every held-out point under its own class, and the
accuracy of sklearn's BayesianGaussianMixture (Dirichlet process, full
covariance) used as a generative classifier on the same data.

Run from the repository root:  /usr/bin/python3 tests/scripts/make_synthetic_classes.py
"""
import json
import os

import numpy as np
from scipy.special import logsumexp
from scipy.stats import multivariate_normal
from sklearn.mixture import BayesianGaussianMixture

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "synthetic")
rng = np.random.default_rng(20230207)
D, CLASSES, COMPONENTS, N_TRAIN, N_TEST = 16, 3, 4, 600, 1000


def random_covariance(d):
    # Anisotropic SPD matrix: random rotation, log-uniform spectrum in [0.15, 1.5].
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    spectrum = np.exp(rng.uniform(np.log(0.15), np.log(1.5), d))
    return (q * spectrum) @ q.T


classes = []
for c in range(CLASSES):
    means = rng.normal(0.0, 0.55, (COMPONENTS, D))
    covs = [random_covariance(D) for _ in range(COMPONENTS)]
    weights = rng.dirichlet(np.full(COMPONENTS, 5.0))
    classes.append((weights, means, covs))


def sample(c, n):
    weights, means, covs = classes[c]
    z = rng.choice(COMPONENTS, size=n, p=weights)
    return np.stack([rng.multivariate_normal(means[k], covs[k]) for k in z])


def log_density(c, x):
    weights, means, covs = classes[c]
    parts = [np.log(weights[k]) + multivariate_normal(means[k], covs[k]).logpdf(x) for k in range(COMPONENTS)]
    return logsumexp(np.stack(parts), axis=0)


train_x = np.concatenate([sample(c, N_TRAIN) for c in range(CLASSES)])
train_y = np.repeat(np.arange(CLASSES), N_TRAIN).astype(np.int32)
test_x = np.concatenate([sample(c, N_TEST) for c in range(CLASSES)])
test_y = np.repeat(np.arange(CLASSES), N_TEST).astype(np.int32)
true_own = np.concatenate([log_density(c, test_x[test_y == c]) for c in range(CLASSES)])
true_all = np.stack([log_density(c, test_x) for c in range(CLASSES)], axis=1)

scores = []
for c in range(CLASSES):
    bgm = BayesianGaussianMixture(
        n_components=10,
        covariance_type="full",
        weight_concentration_prior_type="dirichlet_process",
        max_iter=1000,
        random_state=0,
    ).fit(train_x[train_y == c])
    scores.append(bgm.score_samples(test_x))
sk_pred = np.argmax(np.stack(scores, axis=1), axis=1)

os.makedirs(OUT, exist_ok=True)
np.save(os.path.join(OUT, "train_x.npy"), train_x.astype(np.float64))
np.save(os.path.join(OUT, "train_y.npy"), train_y)
np.save(os.path.join(OUT, "test_x.npy"), test_x.astype(np.float64))
np.save(os.path.join(OUT, "test_y.npy"), test_y)
np.save(os.path.join(OUT, "test_true_logp_own.npy"), true_own)
summary = {
    "dim": D,
    "classes": CLASSES,
    "componentsPerClass": COMPONENTS,
    "trainPerClass": N_TRAIN,
    "testPerClass": N_TEST,
    "trueMeanHeldOutLogDensity": float(true_own.mean()),
    "bayesOptimalAccuracy": float(np.mean(np.argmax(true_all, axis=1) == test_y)),
    "sklearnBgmAccuracy": float(np.mean(sk_pred == test_y)),
    "sklearnBgmMeanHeldOutLogDensity": float(np.mean(np.stack(scores, axis=1)[np.arange(len(test_y)), test_y])),
    "sklearnVersion": __import__("sklearn").__version__,
}
with open(os.path.join(OUT, "summary.json"), "w") as f:
    json.dump(summary, f, indent=2)
print(json.dumps(summary, indent=2))
