import { describe, expect, it } from 'vitest';
import { cholesky, invertLower, logDetFromCholesky, solveLower } from '../linalg/index.ts';
import { createRng } from '../rng/index.ts';
import type { FitCheckpoint } from './checkpoint.ts';
import { poolFromLabels } from './collapsed-gibbs.ts';
import { fitClassDensities, type FitResult } from './fit.ts';
import { GaussianScorer } from './gaussian-scores.ts';
import { CollapsedLogLikelihood } from './log-likelihood.ts';
import { niwPriorFromData } from './niw-prior.ts';
import { combineStats, niwPosteriorFromStats, sampleNiw, statsOf } from './niw-stats.ts';
import { SubclusterChain } from './subcluster-chain.ts';
import { normalsOneByOne } from '../rng/test-support.ts';
import { adjustedRand, blobs, classData } from './testing/fixtures.ts';

const PRIOR_OPTIONS = { initialClusters: 6, kappa0: 0.01, nu0Offset: 2 };
const SETTINGS = { initialClusters: 6, alphaPrior: { shape: 1, rate: 1 }, variants: { alphaUpdate: 'paper', alphaInit: 'paper' } } as const;

describe('sub-cluster sampler: statistics and draws', () => {
  const d = 3;
  const { points } = blobs(40, d, 2, 3, 5);
  const prior = niwPriorFromData(points, 40, d, PRIOR_OPTIONS);

  it('combines centred statistics exactly: stats(A ∪ B) = combine(stats(A), stats(B))', () => {
    const a = Int32Array.from({ length: 15 }, (_, i) => i);
    const b = Int32Array.from({ length: 25 }, (_, i) => 15 + i);
    const all = Int32Array.from({ length: 40 }, (_, i) => i);
    const joined = combineStats(statsOf(points, d, a, 15), statsOf(points, d, b, 25));
    const direct = statsOf(points, d, all, 40);
    expect(joined.n).toBe(40);
    for (let j = 0; j < d; j++) expect(joined.mean[j]).toBeCloseTo(direct.mean[j], 12);
    for (let j = 0; j < d * d; j++) expect(joined.scatter[j]).toBeCloseTo(direct.scatter[j], 10);
  });

  it('its log-likelihood diagnostic is the collapsed sampler’s ln p(x, c | α) for the same partition', () => {
    const labels = Int32Array.from({ length: 40 }, (_, i) => (i * 7) % 3);
    const sides = Int32Array.from({ length: 40 }, (_, i) => i % 2);
    const chain = new SubclusterChain(points, 40, prior, SETTINGS, createRng(1), { alpha: 1.7, labels, sides, ages: [0, 0, 0], completedSweeps: 0 });
    const collapsed = new CollapsedLogLikelihood(poolFromLabels(points, 40, prior, labels)).evaluate(1.7);
    expect(Math.abs(chain.logLikelihood() - collapsed)).toBeLessThan(1e-9 * Math.abs(collapsed));
  });

  it('draws (μ, Σ) from the NIW posterior: E[Σ⁻¹] = ν Ψ⁻¹ and E[μ] = m (Monte Carlo, 5 standard errors)', () => {
    const post = niwPosteriorFromStats(prior, statsOf(points, d, Int32Array.from({ length: 12 }, (_, i) => i), 12));
    const rng = createRng(9);
    const draws = 4000;
    const precisionSum = new Float64Array(d * d);
    const meanSum = new Float64Array(d);
    for (let t = 0; t < draws; t++) {
      const g = sampleNiw(rng, post);
      // Σ = L Lᵀ, so Σ⁻¹ = Fᵀ F with F = L⁻¹.
      const f = invertLower(g.chol, d);
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += f[k * d + i] * f[k * d + j];
          precisionSum[i * d + j] += s;
        }
      }
      for (let j = 0; j < d; j++) meanSum[j] += g.mean[j];
    }
    const linv = invertLower(post.chol, d);
    const psiInv = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) psiInv[i * d + j] += linv[k * d + i] * linv[k * d + j];
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const want = post.nu * psiInv[i * d + j];
        // Var W_ij = ν (P_ij² + P_ii P_jj) for W ~ Wishart(ν, P).
        const se = Math.sqrt((post.nu * (psiInv[i * d + j] ** 2 + psiInv[i * d + i] * psiInv[j * d + j])) / draws);
        expect(Math.abs(precisionSum[i * d + j] / draws - want)).toBeLessThan(5 * se);
      }
    }
    for (let j = 0; j < d; j++) {
      let psiJJ = 0;
      for (let k = 0; k <= j; k++) psiJJ += post.chol[j * d + k] ** 2;
      const se = Math.sqrt(psiJJ / (post.nu - d - 1) / post.kappa / draws);
      expect(Math.abs(meanSum[j] / draws - post.mean[j])).toBeLessThan(5 * se);
    }
  });

  it('draws the same bits as with one normal() at a time', () => {
    const post = niwPosteriorFromStats(prior, statsOf(points, d, Int32Array.from({ length: 12 }, (_, i) => i), 12));
    const [batched, reference] = [createRng(21), normalsOneByOne(createRng(21))];
    for (let t = 0; t < 5; t++) {
      const [a, b] = [sampleNiw(batched, post), sampleNiw(reference, post)];
      expect([Array.from(a.mean), Array.from(a.chol), a.halfLogDet]).toEqual([Array.from(b.mean), Array.from(b.chol), b.halfLogDet]);
    }
    expect(batched.state()).toEqual(reference.state());
  });

  it('scores points under a drawn Gaussian as log w + ln N(x | μ, Σ) (checked against the Cholesky of Σ), the same with either kernel', () => {
    const rng = createRng(4);
    const post = niwPosteriorFromStats(prior, statsOf(points, d, Int32Array.from({ length: 20 }, (_, i) => i), 20));
    const gs = [sampleNiw(rng, post), sampleNiw(rng, post)];
    const logW = [Math.log(0.3), Math.log(0.7)];
    // Points 39, 17, 0, 5, 22 (five: the last group of four lanes is partly unused), output stride 2.
    const members = [39, 17, 0, 5, 22];
    const outs = (['js', 'wasm-simd'] as const).map((kind) => {
      const scorer = new GaussianScorer(d, 3, kind);
      scorer.load(points, members, members.length);
      const out = new Float64Array(2 * members.length);
      for (let k = 0; k < 2; k++) scorer.score(gs[k], logW[k], out, k, 2);
      return out;
    });
    expect(Array.from(outs[1])).toEqual(Array.from(outs[0]));
    for (let k = 0; k < 2; k++) {
      // Σ = L Lᵀ built explicitly, then its own Cholesky.
      const l0 = gs[k].chol;
      const sigma = new Float64Array(d * d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let t = 0; t < d; t++) sigma[i * d + j] += l0[i * d + t] * l0[j * d + t];
      const l = cholesky(sigma, d);
      members.forEach((i, t) => {
        const diff = Array.from({ length: d }, (_, j) => points[i * d + j] - gs[k].mean[j]);
        const y = solveLower(l, d, diff);
        const maha = y.reduce((s, v) => s + v * v, 0);
        const want = logW[k] - (d / 2) * Math.log(2 * Math.PI) - logDetFromCholesky(l, d) / 2 - maha / 2;
        expect(outs[0][t * 2 + k]).toBeCloseTo(want, 9);
      });
    }
  });
});

describe("fitClassDensities with sampler: 'subcluster'", () => {
  const d = 6;
  const data = [0, 1].map((c) => blobs(240, d, 4, 6, 40 + c));
  const classes = data.map((b, c) => classData(c, b.points, 240));
  const OPTIONS = { sampler: 'subcluster', iterations: 60, burnIn: 40, thin: 5, chains: 2, seed: 11 } as const;
  const fingerprint = (r: FitResult): unknown =>
    r.classes.map((c) => ({ traces: c.traces.map((t) => [t.sweep, t.alpha, Array.from(t.assignments)]), diagnostics: c.diagnostics }));
  let one: FitResult;

  it('finds the true partition of well-separated clusters (ARI ≥ 0.95 on every kept trace of every chain)', async () => {
    one = await fitClassDensities(classes, { ...OPTIONS, workers: 1 });
    for (const [c, cls] of one.classes.entries()) {
      expect(cls.traces).toHaveLength(8);
      for (const t of cls.traces) expect(adjustedRand(t.assignments, data[c].truth)).toBeGreaterThanOrEqual(0.95);
      expect(cls.diagnostics.rHat).not.toBeNull();
    }
  });

  it('conserves counts: every kept trace has K non-empty clusters whose counts sum to n', () => {
    for (const cls of one.classes) {
      for (const t of cls.traces) {
        expect(t.counts.reduce((s, x) => s + x, 0)).toBe(cls.n);
        expect(Math.min(...t.counts)).toBeGreaterThan(0);
        expect(t.counts).toHaveLength(t.clusterCount);
        expect(Math.max(...t.assignments)).toBe(t.clusterCount - 1);
      }
      for (const counts of cls.diagnostics.clusterCounts) expect(counts).toHaveLength(60);
    }
  });

  it('gives identical results with 2 workers, and resumes a (JSON round-tripped) checkpoint exactly', async () => {
    const checkpoints: FitCheckpoint[] = [];
    const two = await fitClassDensities(classes, { ...OPTIONS, workers: 2 }, {
      checkpointEverySweeps: 23,
      onCheckpoint: (c) => void checkpoints.push(JSON.parse(JSON.stringify(c))),
    });
    expect(fingerprint(two)).toEqual(fingerprint(one));
    const resumed = await fitClassDensities(classes, { ...OPTIONS, workers: 1 }, { resumeFrom: checkpoints[0] });
    expect(fingerprint(resumed)).toEqual(fingerprint(one));
  });
});

describe('the sub-cluster sampler in 32 and 64 dimensions', () => {
  // Five blobs (80 points each, centres ~ N(0, 9 I)). Under the data-derived prior (B.2) one cluster is
  // already a good fit in 64-D (one full-covariance Gaussian spans the blobs' 4-D subspace, and every extra
  // cluster costs a large Occam factor); the collapsed sampler ends at 1–2 clusters. A sub-cluster chain
  // started from uniformly random K0 = 6 clusters (B.6) fragments every blob (~20 clusters) that its merge
  // moves cannot join: about 100 (d = 32) and 600 (d = 64) nats below. The k-means start does not. Tolerance: the last 20 sweeps'
  // ln p(x, c | α) moves by a few nats with α; 20 nats is far below the failure it guards against.
  const tailMean = (fit: FitResult): number => {
    const tails = fit.classes[0].diagnostics.logLikelihoods.flatMap((ll) => ll.slice(-20));
    return tails.reduce((a, b) => a + b, 0) / tails.length;
  };
  for (const d of [32, 64]) {
    it(`reaches the collapsed sampler's joint ln p(x, c | α) on separated blobs (d = ${d})`, async () => {
      const { points } = blobs(400, d, 5, 3, 7 + d);
      const options = { iterations: 60, burnIn: 40, thin: 5, chains: 2, seed: 5, workers: 1 } as const;
      const [sub, col] = await Promise.all(
        (['subcluster', 'collapsed'] as const).map((sampler) => fitClassDensities([classData(0, points, 400)], { ...options, sampler })),
      );
      expect(tailMean(sub), `subcluster ${tailMean(sub)}, collapsed ${tailMean(col)}`).toBeGreaterThanOrEqual(tailMean(col) - 20);
    });
  }
});
