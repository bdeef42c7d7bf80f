"""The classfit block collapsed Gibbs sampler (METHOD.md B.2-B.8, C) as a vectorised NumPy
implementation: the peer `npm run bench` measures classfit against.

Same sampler as classfit (not the same random numbers): K0 = 6 random initial clusters, blocks
of b = 4 in a permutation reshuffled after each sweep, the repo's alpha update once per block
with the lagged alpha of METHOD C, remove the block / score it against every cluster and the
prior predictive / draw each point independently / merge all "new" draws into one cluster /
add. Classes run in lock-step inside each block column (METHOD C).

Vectorised as a careful NumPy author would write it, not as a literal translation:
- per cluster the sufficient statistics n_k, sum_k, sum_k x x^T (data centred on m0, the
  per-point x x^T precomputed), kept as stacked arrays and updated in place;
- the clusters a block changes are refactored together: one batched LAPACK Cholesky
  (np.linalg.cholesky on a [m, d, d] stack, dpotrf) and LAPACK triangular inverses (dtrtri);
- a cluster whose block points all came back to it gets its saved factor back (no refactor);
- the block is scored against all clusters with ONE BLAS matrix product
  [K*d, d] @ [d, b] on the stacked inverse factors, then the Student-t terms as array maths;
- the categorical draws are one vectorised inverse-CDF step.

Usage: python3 numpy_cgs.py LAYER.npy POINTS_PER_CLASS SWEEPS
LAYER.npy is [classes * points, d] float64, class-major (bench/sampler.ts writes it).
Prints one JSON line: perSweepMs and perSweepCpuMs (wall and process CPU time per sweep of all classes in the
file, initialisation excluded),
classes, meanClusters, clusterCounts ([checkpoint sweep, [count per class]] pairs) and blas.
"""
import json
import sys
import time

import numpy as np
from scipy.linalg.lapack import dtrtri
from scipy.special import gammaln

K0, KAPPA0, NU_OFFSET, BLOCK, A, B = 6, 0.01, 2, 4, 1.0, 1.0


class ClassSampler:
    def __init__(self, x, rng):
        n, d = x.shape
        self.n, self.d = n, d
        self.m0 = x.mean(axis=0)
        self.x = x - self.m0  # centred: m0 = 0 in the NIW formulas below
        self.xx = np.einsum('ni,nj->nij', self.x, self.x)
        self.psi0 = np.diag(x.var(axis=0) / K0 ** (2.0 / d))
        self.nu0 = d + NU_OFFSET
        self.rng = rng
        cap = 32
        self.counts = np.zeros(cap, dtype=np.int64)
        self.sums = np.zeros((cap, d))
        self.scatter = np.zeros((cap, d, d))
        self.linv = np.zeros((cap, d, d))  # inverse of chol(Psi_k)
        self.shift = np.zeros((cap, d))  # linv_k @ m_k
        self.logdet = np.zeros(cap)  # sum_j ln L_jj
        labels = rng.integers(0, min(n, K0), size=n)
        _, self.assign = np.unique(labels, return_inverse=True)
        self.K = int(self.assign.max()) + 1
        np.add.at(self.counts, self.assign, 1)
        np.add.at(self.sums, self.assign, self.x)
        np.add.at(self.scatter, self.assign, self.xx)
        self.dirty = set(range(self.K))
        prior_l = np.linalg.cholesky(self.psi0)
        self.prior_linv = dtrtri(prior_l, lower=1)[0]
        self.prior_logdet = np.log(np.diag(prior_l)).sum()
        self.alpha = 1.0 + rng.exponential()
        self.perm = np.arange(n)

    def grow(self):
        for name in ('counts', 'sums', 'scatter', 'linv', 'shift', 'logdet'):
            a = getattr(self, name)
            setattr(self, name, np.concatenate([a, np.zeros_like(a)]))

    def refactor(self, ks):
        """Cholesky of Psi_k = Psi0 + S_k - kappa_k m_k m_k^T for the clusters ks, batched."""
        ks = np.fromiter(ks, dtype=np.int64)
        kappa = KAPPA0 + self.counts[ks]
        means = self.sums[ks] / kappa[:, None]
        psi = self.psi0 + self.scatter[ks] - kappa[:, None, None] * np.einsum('ki,kj->kij', means, means)
        chol = np.linalg.cholesky(psi)
        for j, k in enumerate(ks):
            self.linv[k] = dtrtri(chol[j], lower=1)[0]
        self.shift[ks] = np.einsum('kij,kj->ki', self.linv[ks], means)
        self.logdet[ks] = np.log(np.diagonal(chol, axis1=1, axis2=2)).sum(axis=1)

    def move(self, idx, ks, sign):
        """Adds (sign 1) or removes (-1) points idx to/from clusters ks in the statistics
        (per point: np.add.at is far slower than a 4-step loop of in-place array updates)."""
        for i, k in zip(idx, ks):
            self.counts[k] += sign
            if sign > 0:
                self.sums[k] += self.x[i]
                self.scatter[k] += self.xx[i]
            else:
                self.sums[k] -= self.x[i]
                self.scatter[k] -= self.xx[i]

    def delete(self, k):
        """Deletes empty cluster k by moving the last cluster into its slot."""
        last = self.K - 1
        if k != last:
            for a in (self.counts, self.sums, self.scatter, self.linv, self.shift, self.logdet):
                a[k] = a[last]
            self.assign[self.assign == last] = k
            if last in self.dirty:
                self.dirty.discard(last)
                self.dirty.add(k)
        self.dirty.discard(last)
        self.counts[last] = 0
        self.sums[last] = 0
        self.scatter[last] = 0
        self.K -= 1

    def block(self, start):
        idx = self.perm[start:start + BLOCK]
        if len(idx) == 0:
            return
        d, n = self.d, self.n
        alpha_used = self.alpha  # METHOD C: the block uses alpha from before its update
        w = self.rng.beta(self.alpha + 1, n)
        u = self.rng.random() < n / (n + self.alpha)
        self.alpha = self.rng.gamma(A + self.K - 1 + u, 1.0 / (B - np.log(w)))

        old = self.assign[idx]
        touched = [int(k) for k in np.unique(old)]
        saved = {k: (self.linv[k].copy(), self.shift[k].copy(), self.logdet[k]) for k in touched if k not in self.dirty}
        self.move(idx, old, -1)
        self.assign[idx] = -1
        self.dirty.update(touched)
        empty = sorted((k for k in touched if self.counts[k] == 0), reverse=True)
        if empty:
            saved = {}  # slots move on deletion: refactor everything this block touches
            for k in empty:
                self.delete(k)
        self.refactor(self.dirty)
        self.dirty.clear()

        K = self.K
        xs = self.x[idx]
        nk = self.counts[:K]
        kappa = KAPPA0 + nk
        df = (nk + self.nu0 - d + 1).astype(np.float64)
        scale2 = (kappa + 1) / (kappa * df)
        y = (self.linv[:K].reshape(K * d, d) @ xs.T).reshape(K, d, len(idx)) - self.shift[:K, :, None]
        maha = (y * y).sum(axis=1) / scale2[:, None]  # [K, b]
        const = gammaln((df + d) / 2) - gammaln(df / 2) - d / 2 * np.log(df * np.pi) - self.logdet[:K] - d / 2 * np.log(scale2)
        logp = np.empty((len(idx), K + 1))
        logp[:, :K] = (np.log(nk) + const)[None, :] - ((df + d) / 2)[None, :] * np.log1p(maha.T / df[None, :])
        s0 = (KAPPA0 + 1) / (KAPPA0 * 3.0)
        y0 = xs @ self.prior_linv.T
        maha0 = (y0 * y0).sum(axis=1) / s0
        logp[:, K] = (np.log(alpha_used) + gammaln((3.0 + d) / 2) - gammaln(1.5) - d / 2 * np.log(3.0 * np.pi)
                      - self.prior_logdet - d / 2 * np.log(s0) - (3.0 + d) / 2 * np.log1p(maha0 / 3.0))
        p = np.exp(logp - logp.max(axis=1, keepdims=True))
        cdf = np.cumsum(p, axis=1)
        choice = (cdf < self.rng.random(len(idx))[:, None] * cdf[:, -1:]).sum(axis=1)
        if (choice == K).any():
            if K == len(self.counts):
                self.grow()
            self.K += 1
        self.move(idx, choice, 1)
        self.assign[idx] = choice
        for k in (int(k) for k in np.unique(choice)):  # clusters that only lost points are current already
            back = saved.get(k)
            if back is not None and np.array_equal(idx[choice == k], idx[old == k]):
                self.linv[k], self.shift[k], self.logdet[k] = back  # same members as before the block
            else:
                self.dirty.add(k)


def blas_info():
    try:
        cfg = np.__config__.get_info('blas_opt_info')  # numpy < 1.25
        return ','.join(cfg.get('libraries', [])) or 'unknown'
    except Exception:  # pragma: no cover - newer numpy
        return 'unknown'


def main():
    x = np.load(sys.argv[1])
    points, sweeps = int(sys.argv[2]), int(sys.argv[3])
    classes = x.shape[0] // points
    samplers = [ClassSampler(x[c * points:(c + 1) * points], np.random.default_rng(c)) for c in range(classes)]
    checkpoints = {1, 10, 50, 100, 200, 400, sweeps}
    counts = []
    started = time.perf_counter()
    cpu_started = time.process_time()
    for sweep in range(1, sweeps + 1):
        for start in range(0, points, BLOCK):
            for s in samplers:  # METHOD C: classes in lock-step inside each block column
                s.block(start)
        for s in samplers:
            s.rng.shuffle(s.perm)
        if sweep in checkpoints:
            counts.append([sweep, [s.K for s in samplers]])
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(json.dumps({'perSweepMs': elapsed * 1000 / sweeps, 'perSweepCpuMs': cpu * 1000 / sweeps, 'classes': classes,
                      'meanClusters': float(np.mean([s.K for s in samplers])), 'clusterCounts': counts,
                      'numpy': np.__version__, 'blas': blas_info()}))


if __name__ == '__main__':
    main()
