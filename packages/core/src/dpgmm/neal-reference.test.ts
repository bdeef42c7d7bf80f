import { describe, expect, it } from 'vitest';
import { cholesky, logDetFromCholesky } from '../linalg/index.ts';
import { createRng, type Rng } from '../rng/index.ts';
import { lgamma } from '../special/index.ts';
import { positionLabels } from './chain-state.ts';
import { type ChainSettings, GibbsChain } from './collapsed-gibbs.ts';
import type { NiwPrior } from './niw-prior.ts';
import { expectExactPartitionPosterior } from './testing/expect-partition.ts';
import { partitionPosteriorCase } from './testing/fixtures.ts';
import { PartitionTally } from './testing/partition-tally.ts';

/**
 * With b = 1 the block sampler is Neal's (2000) Algorithm 3. On 6 points in 2-D the
 * exact posterior over all 203 partitions (α integrated out) comes from the scipy
 * script; a slow reference Algorithm 3 written plainly below (batch NIW marginal
 * likelihood ratios, explicit matrices) must agree with our sampler in distribution.
 */
const { ref, points, n, d, prior } = partitionPosteriorCase();

/** log p(X_k) of a member set under the NIW prior, from the batch formulas with explicit matrices. */
function logMarginal(p: NiwPrior, members: number[]): number {
  const nk = members.length;
  const kappa = p.kappa0 + nk, nu = p.nu0 + nk;
  const sum = new Float64Array(d);
  for (const i of members) for (let j = 0; j < d; j++) sum[j] += points[i * d + j];
  const m = sum.map((s, j) => (p.kappa0 * p.mean[j] + s) / kappa);
  const psi = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    psi[a * d + a] = p.cholPsi[a * d + a] ** 2 + p.kappa0 * p.mean[a] * p.mean[a];
    for (let b = 0; b < d; b++) {
      if (a !== b) psi[a * d + b] = p.kappa0 * p.mean[a] * p.mean[b];
      for (const i of members) psi[a * d + b] += points[i * d + a] * points[i * d + b];
      psi[a * d + b] -= kappa * m[a] * m[b];
    }
  }
  const lmv = (x: number) => lgamma(x) + lgamma(x - 0.5) + 0.5 * Math.log(Math.PI);
  return (
    (-nk * d) / 2 * Math.log(Math.PI) + lmv(nu / 2) - lmv(p.nu0 / 2) +
    (p.nu0 / 2) * logDetFromCholesky(p.cholPsi, d) - (nu / 2) * logDetFromCholesky(cholesky(psi, d), d) +
    (d / 2) * (Math.log(p.kappa0) - Math.log(kappa))
  );
}

/** Plain Algorithm 3 with the textbook α step; α timing selectable like the sampler's. */
function referenceSweep(labels: number[], state: { alpha: number }, rng: Rng, timing: 'lagged' | 'updated'): void {
  for (let i = 0; i < n; i++) {
    const K = new Set(labels).size;
    const w = rng.beta(state.alpha + 1, n);
    const s = rng.bernoulli(n / (n + state.alpha));
    const previous = state.alpha;
    state.alpha = rng.gamma(1 + K - s, 1 - Math.log(w));
    const alpha = timing === 'updated' ? state.alpha : previous;
    labels[i] = -1;
    const clusters = [...new Set(labels.filter((l) => l >= 0))];
    const logw = clusters.map((c) => {
      const members = labels.flatMap((l, j) => (l === c ? [j] : []));
      return Math.log(members.length) + logMarginal(prior, [...members, i]) - logMarginal(prior, members);
    });
    logw.push(Math.log(alpha) + logMarginal(prior, [i]) - logMarginal(prior, []));
    const k = rng.categoricalLog(logw);
    labels[i] = k < clusters.length ? clusters[k] : Math.max(-1, ...labels) + 1;
  }
}

const SETTINGS: ChainSettings = {
  blockSize: 1,
  initialClusters: 6,
  alphaPrior: { shape: 1, rate: 1 },
  variants: { alphaUpdate: 'textbook', alphaInit: 'textbook', alphaTiming: 'updated' },
};
const SWEEPS = 40_000;
const BATCH = 1_000;

function runSampler(timing: 'lagged' | 'updated'): PartitionTally {
  const chain = GibbsChain.initialise(points, n, prior, { ...SETTINGS, variants: { ...SETTINGS.variants, alphaTiming: timing } }, createRng(17, 0));
  const tally = new PartitionTally(n, BATCH);
  for (let s = 0; s < 200; s++) chain.sweep();
  for (let s = 0; s < SWEEPS; s++) {
    chain.sweep();
    tally.add(positionLabels(chain.pool));
  }
  return tally;
}

describe('b = 1 equals Neal Algorithm 3 (METHOD K.1.5)', () => {
  it("our sampler (B.7 α order, textbook α) matches the exact partition posterior", () => {
    const tally = runSampler('updated');
    // 40 batches of 1000 sweeps; s.e. < 0.01 keeps the test sharp
    expectExactPartitionPosterior(tally, ref, n, 0.01);
  });

  it('our sampler and the plain reference agree with the METHOD C α timing (lagged)', () => {
    const ours = runSampler('lagged');
    const theirs = new PartitionTally(n, BATCH);
    const rng = createRng(23, 0);
    const labels = Array.from({ length: n }, () => rng.integer(6));
    const state = { alpha: rng.gamma(1, 1) };
    for (let s = 0; s < 200; s++) referenceSweep(labels, state, rng, 'lagged');
    for (let s = 0; s < SWEEPS; s++) {
      referenceSweep(labels, state, rng, 'lagged');
      theirs.add(labels);
    }
    for (let q = 1; q < n + 1 + n * n; q++) {
      if (q > n && Math.floor((q - n - 1) / n) >= (q - n - 1) % n) continue; // co-assignment: i < j only
      const [a, sa] = ours.stat(q);
      const [b, sb] = theirs.stat(q);
      const se = Math.hypot(sa, sb);
      expect(Math.abs(a - b), `statistic ${q}: ours ${a} ± ${sa}, reference ${b} ± ${sb}`).toBeLessThan(4.5 * se + 2e-3);
    }
  });
});
