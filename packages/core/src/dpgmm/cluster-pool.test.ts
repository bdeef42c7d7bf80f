import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { ClusterPool } from './cluster-pool.ts';
import { niwPriorFromData } from './niw-prior.ts';
import { niwPosteriorBatch } from './niw-posterior.ts';
import { loadReference, matrix } from './testing/fixtures.ts';

const OPTIONS = { initialClusters: 6, kappa0: 0.01, nu0Offset: 2 };

/** Max |Δ| between the pool's (m, LLᵀ) of `slot` and the batch B.3 values of its members. */
function batchError(pool: ClusterPool, slot: number): { mean: number; psi: number } {
  const d = pool.prior.d;
  const members: number[] = [];
  for (let i = 0; i < pool.n; i++) if (pool.assignment[i] === slot) members.push(i);
  const mean = new Float64Array(d);
  const chol = new Float64Array(d * d);
  niwPosteriorBatch(pool.prior, pool.points, members, members.length, mean, 0, chol, 0);
  const gram = (l: Float64Array, o: number, i: number, j: number) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += l[o + i * d + k] * l[o + j * d + k];
    return s;
  };
  let em = 0, ep = 0;
  for (let i = 0; i < d; i++) {
    em = Math.max(em, Math.abs(pool.means[slot * d + i] - mean[i]));
    for (let j = 0; j < d; j++) {
      const scale = Math.max(1, Math.abs(gram(chol, 0, i, j)));
      ep = Math.max(ep, Math.abs(gram(pool.chol, slot * d * d, i, j) - gram(chol, 0, i, j)) / scale);
    }
  }
  return { mean: em, psi: ep };
}

describe('ClusterPool: incremental NIW statistics (METHOD B.5) equal the batch formulas (B.3)', () => {
  it('batch posterior matches the scipy-side batch formulas of the reference script', () => {
    const ref = loadReference().predictive;
    const d = ref.d;
    const points = matrix(ref.points);
    const prior = niwPriorFromData(points, points.length / d, d, OPTIONS);
    const mean = new Float64Array(d);
    const chol = new Float64Array(d * d);
    niwPosteriorBatch(prior, points, ref.members, ref.members.length, mean, 0, chol, 0);
    const cluster = ref.clusters[0];
    for (let i = 0; i < d; i++) {
      expect(mean[i]).toBeCloseTo(cluster.mean[i], 12);
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += chol[i * d + k] * chol[j * d + k];
        // Relative 1e-12: a few dozen float64 roundings on O(10²) entries.
        expect(Math.abs(s - cluster.psi[i][j])).toBeLessThan(1e-12 * Math.max(1, Math.abs(cluster.psi[i][j])) * 100);
      }
    }
  });

  for (const d of [1, 5, 16]) {
    it(`random add/remove sequences, d = ${d}`, () => {
      const n = 60;
      const rng = createRng(11, d);
      const points = new Float64Array(n * d);
      for (let i = 0; i < points.length; i++) points[i] = 3 * rng.normal() + (i % d);
      const prior = niwPriorFromData(points, n, d, OPTIONS);
      const pool = new ClusterPool(prior, points, n, 2);
      const slots = [pool.create(), pool.create(), pool.create()];
      // Random walk: add unassigned points, remove assigned ones, check after every step.
      let worst = { mean: 0, psi: 0 };
      for (let step = 0; step < 400; step++) {
        const i = rng.integer(n);
        const slot = pool.assignment[i];
        if (slot === -1) {
          const target = slots[rng.integer(slots.length)];
          if (pool.positionOf(target) === -1) continue;
          pool.add(target, i);
        } else {
          pool.remove(slot, i);
        }
        for (const s of slots) {
          if (pool.positionOf(s) === -1) continue;
          const e = batchError(pool, s);
          worst = { mean: Math.max(worst.mean, e.mean), psi: Math.max(worst.psi, e.psi) };
        }
      }
      // 400 rank-one updates/downdates accumulate O(steps·ε) relative error.
      expect(worst.mean).toBeLessThan(1e-9);
      expect(worst.psi).toBeLessThan(1e-9);
    });
  }

  it('add then remove the same point restores (m, L); emptying a cluster deletes it without a downdate', () => {
    const d = 4, n = 10;
    const rng = createRng(3, 0);
    const points = new Float64Array(n * d).map(() => rng.normal());
    const prior = niwPriorFromData(points, n, d, OPTIONS);
    const pool = new ClusterPool(prior, points, n);
    const a = pool.create();
    const b = pool.create();
    for (let i = 0; i < 5; i++) pool.add(a, i);
    pool.add(b, 9);
    const mean = pool.means.slice(a * d, (a + 1) * d);
    const chol = pool.chol.slice(a * d * d, (a + 1) * d * d);
    pool.add(a, 7);
    pool.remove(a, 7);
    for (let k = 0; k < d; k++) expect(pool.means[a * d + k]).toBeCloseTo(mean[k], 13);
    for (let k = 0; k < d * d; k++) expect(pool.chol[a * d * d + k]).toBeCloseTo(chol[k], 12);
    expect(pool.size).toBe(2);
    pool.remove(b, 9);
    expect(pool.size).toBe(1);
    expect(Array.from(pool.order.subarray(0, pool.size))).toEqual([a]);
    // The freed slot is reused by the next cluster, which starts from the prior.
    const c = pool.create();
    expect(c).toBe(b);
    expect(Array.from(pool.means.subarray(c * d, (c + 1) * d))).toEqual(Array.from(prior.mean));
    expect(pool.counts[c]).toBe(0);
  });

  it('deletion keeps the order of the remaining clusters; new clusters go last', () => {
    const d = 2, n = 6;
    const points = Float64Array.from([0, 0, 1, 0, 0, 1, 5, 5, 6, 5, 9, 9]);
    const pool = new ClusterPool(niwPriorFromData(points, n, d, OPTIONS), points, n);
    const s = [pool.create(), pool.create(), pool.create()];
    pool.add(s[0], 0);
    pool.add(s[1], 1);
    pool.add(s[2], 2);
    pool.remove(s[1], 1);
    const t = pool.create();
    expect(Array.from(pool.order.subarray(0, pool.size))).toEqual([s[0], s[2], t]);
  });
});
