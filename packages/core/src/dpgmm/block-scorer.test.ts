import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { BlockScorer } from './block-scorer.ts';
import { ClusterPool } from './cluster-pool.ts';
import { niwPriorFromData } from './niw-prior.ts';
import { studentTTables } from './student-t-tables.ts';
import { loadReference, matrix } from './testing/fixtures.ts';

const OPTIONS = { initialClusters: 6, kappa0: 0.01, nu0Offset: 2 };

describe('BlockScorer + StudentTTables: the cluster posterior predictive (METHOD B.4)', () => {
  it('equals scipy multivariate_t(m_k, (κ+1)/(κν̃)Ψ_k, ν̃ = n_k + 3) for a cluster and for the prior predictive', () => {
    const ref = loadReference().predictive;
    const d = ref.d;
    const points = matrix(ref.points);
    const n = points.length / d;
    const prior = niwPriorFromData(points, n, d, OPTIONS);
    const pool = new ClusterPool(prior, points, n);
    const cluster = pool.create();
    for (const i of ref.members) pool.add(cluster, i);
    const empty = pool.create();
    const tables = studentTTables(prior, n);
    const all = matrix([...ref.queries]);
    const scorer = new BlockScorer(d, 5);
    const idx = Int32Array.from([0, 1, 2, 3, 4]);
    scorer.gather(all, idx, 5);
    ref.clusters.forEach((expected: { name: string; df: number; logpdf: number[] }, c: number) => {
      const slot = c === 0 ? cluster : empty;
      const nk = pool.counts[slot];
      expect(nk + 3).toBe(expected.df);
      scorer.solve(pool.chol, slot * d * d, pool.means, slot * d, 5);
      for (let b = 0; b < 5; b++) {
        const got = tables.constant[nk] - pool.halfLogDet[slot] - tables.exponent[nk] * Math.log1p(tables.shrink[nk] * scorer.sq[b]);
        // Incremental (10 rank-one updates) vs scipy's batch: agreement to ~1e-11 absolute on O(10) values.
        expect(Math.abs(got - expected.logpdf[b]), `${expected.name} query ${b}: got ${got}, want ${expected.logpdf[b]}`).toBeLessThan(1e-9);
      }
    });
  });

  for (const [d, block] of [[3, 4], [16, 4], [7, 9], [5, 1]] as const) {
    it(`leave-block-out by Woodbury equals the plain downdate route (d = ${d}, block ${block})`, () => {
      const n = 40;
      const rng = createRng(5, d * 100 + block);
      const points = new Float64Array(n * d).map(() => rng.normal() * 2);
      const prior = niwPriorFromData(points, n, d, OPTIONS);
      const pool = new ClusterPool(prior, points, n);
      const slot = pool.create();
      for (let i = 0; i < 20; i++) pool.add(slot, i);
      // Block: some members of the cluster (rows 0..), the rest outsiders (rows 30..).
      const blockIdx = new Int32Array(Math.ceil(block / 4) * 4);
      const members = new Int32Array(block);
      let r = 0;
      for (let b = 0; b < block; b++) {
        const inCluster = b % 2 === 0;
        blockIdx[b] = inCluster ? 2 * b : 30 + b;
        if (inCluster) members[r++] = b;
      }
      const scorer = new BlockScorer(d, block);
      scorer.gather(points, blockIdx, block);
      scorer.solve(pool.chol, slot * d * d, pool.means, slot * d, block);
      const kappa = prior.kappa0 + pool.counts[slot];
      const fast = scorer.leaveOut(pool.halfLogDet[slot], kappa, members, r, block);
      const fastMaha = scorer.maha.slice(0, block);
      const plain = scorer.leaveOutByDowndate(points, blockIdx, pool.chol, slot * d * d, pool.means, slot * d, kappa, members, r, block);
      expect(fast).toBeCloseTo(plain, 10);
      for (let b = 0; b < block; b++) expect(fastMaha[b]).toBeCloseTo(scorer.maha[b], 9);
      // And the downdate route equals an actual removal from the pool.
      for (let i = 0; i < r; i++) pool.remove(slot, blockIdx[members[i]]);
      expect(pool.halfLogDet[slot]).toBeCloseTo(plain, 10);
    });
  }
});
