"""The classfit block collapsed Gibbs sampler (METHOD.md B.2-B.8, C) written plainly in
NumPy, as research code would be: one class at a time inside each block column, blocks
of 4, the literal remove / score / add order, rank-one Cholesky updates with the B.5
Givens loop on NumPy vectors, Student-t log-densities via scipy.linalg.solve_triangular.

Usage: python3 numpy_cgs.py LAYER.npy POINTS_PER_CLASS SWEEPS
LAYER.npy is [classes * points, d] float64, class-major (bench/sampler.ts writes it).
Prints one JSON line: {"perSweepMs", "classes", "meanClusters"} (time per sweep of all
classes in the file, initialisation excluded).
"""
import json
import sys
import time

import numpy as np
from scipy.linalg import solve_triangular
from scipy.special import gammaln

K0, KAPPA0, NU_OFFSET, BLOCK, A, B = 6, 0.01, 2, 4, 1.0, 1.0


def chol_rank_one(L, u, mult, sign):
    v = np.sqrt(mult) * u
    d = len(v)
    for k in range(d):
        lkk = L[k, k]
        r = np.sqrt(lkk * lkk + sign * v[k] * v[k])
        c, s = r / lkk, v[k] / lkk
        L[k, k] = r
        if k + 1 < d:
            L[k + 1:, k] = (L[k + 1:, k] + sign * s * v[k + 1:]) / c
            v[k + 1:] = c * v[k + 1:] - s * L[k + 1:, k]


class ClassSampler:
    def __init__(self, x, rng):
        self.x = x
        n, d = x.shape
        self.n, self.d = n, d
        self.m0 = x.mean(axis=0)
        self.L0 = np.diag(np.sqrt(x.var(axis=0) / K0 ** (2.0 / d)))
        self.nu0 = d + NU_OFFSET
        self.rng = rng
        labels = rng.integers(0, min(n, K0), size=n)
        self.means, self.chols, self.counts, self.assign = [], [], [], np.empty(n, dtype=int)
        for k in np.unique(labels):
            idx = np.flatnonzero(labels == k)
            xk = x[idx]
            kappa = KAPPA0 + len(idx)
            xbar = xk.mean(axis=0)
            psi = self.L0 @ self.L0.T + (xk - xbar).T @ (xk - xbar) + (KAPPA0 * len(idx) / kappa) * np.outer(xbar - self.m0, xbar - self.m0)
            self.means.append((KAPPA0 * self.m0 + xk.sum(axis=0)) / kappa)
            self.chols.append(np.linalg.cholesky(psi))
            self.counts.append(len(idx))
            self.assign[idx] = len(self.counts) - 1
        self.alpha = 1.0 + rng.exponential()
        self.perm = np.arange(n)

    def log_t(self, xs, m, L, nk):
        d = self.d
        df = nk + self.nu0 - d + 1
        kappa = KAPPA0 + nk
        scale = np.sqrt((kappa + 1) / (kappa * df))
        y = solve_triangular(L * scale, (xs - m).T, lower=True)
        maha = (y * y).sum(axis=0)
        return (gammaln((df + d) / 2) - gammaln(df / 2) - d / 2 * np.log(df * np.pi)
                - np.log(np.diag(L * scale)).sum() - (df + d) / 2 * np.log1p(maha / df))

    def add(self, k, i):
        c = KAPPA0 + self.counts[k]
        m = (c * self.means[k] + self.x[i]) / (c + 1)
        chol_rank_one(self.chols[k], self.x[i] - m, (c + 1) / c, 1.0)
        self.means[k] = m
        self.counts[k] += 1
        self.assign[i] = k

    def remove(self, i):
        k = self.assign[i]
        self.counts[k] -= 1
        if self.counts[k] == 0:
            del self.means[k], self.chols[k], self.counts[k]
            self.assign[self.assign > k] -= 1
            return
        c = KAPPA0 + self.counts[k] + 1
        u = self.x[i] - self.means[k]
        self.means[k] = (c * self.means[k] - self.x[i]) / (c - 1)
        chol_rank_one(self.chols[k], u, c / (c - 1), -1.0)

    def block(self, start):
        idx = self.perm[start:start + BLOCK]
        if len(idx) == 0:
            return
        alpha_used = self.alpha
        K, n = len(self.counts), self.n
        w = self.rng.beta(self.alpha + 1, n)
        u = self.rng.random() < n / (n + self.alpha)
        self.alpha = self.rng.gamma(A + K - 1 + u, 1.0 / (B - np.log(w)))
        for i in idx:
            self.remove(i)
        xs = self.x[idx]
        logp = np.empty((len(idx), len(self.counts) + 1))
        for k in range(len(self.counts)):
            logp[:, k] = np.log(self.counts[k]) + self.log_t(xs, self.means[k], self.chols[k], self.counts[k])
        logp[:, -1] = np.log(alpha_used) + self.log_t(xs, self.m0, self.L0, 0)
        p = np.exp(logp - logp.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        choice = [self.rng.choice(p.shape[1], p=row) for row in p]
        new = None
        for i, c in zip(idx, choice):
            if c == p.shape[1] - 1:
                if new is None:
                    self.means.append(self.m0.copy())
                    self.chols.append(self.L0.copy())
                    self.counts.append(0)
                    new = len(self.counts) - 1
                c = new
            self.add(c, i)


def main():
    x = np.load(sys.argv[1])
    points, sweeps = int(sys.argv[2]), int(sys.argv[3])
    classes = x.shape[0] // points
    samplers = [ClassSampler(x[c * points:(c + 1) * points], np.random.default_rng(c)) for c in range(classes)]
    started = time.perf_counter()
    for _ in range(sweeps):
        for start in range(0, points, BLOCK):
            for s in samplers:  # METHOD C: classes in lock-step inside each block column
                s.block(start)
        for s in samplers:
            s.rng.shuffle(s.perm)
    elapsed = time.perf_counter() - started
    print(json.dumps({'perSweepMs': elapsed * 1000 / sweeps, 'classes': classes,
                      'meanClusters': float(np.mean([len(s.counts) for s in samplers]))}))


if __name__ == '__main__':
    main()
