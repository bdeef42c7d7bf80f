import { expect } from 'vitest';
import type { PartitionTally } from './partition-tally.ts';

/**
 * Asserts that a chain's P(K = k) and co-assignments match the exact partition posterior `ref`
 * ({ probK, coassignment }): every standard error below `seBound` (keeps the check sharp) and every
 * |Δ| < 4.5 s.e. + 2e-3 (with tens of batches of 1000 sweeps, ~independent batch means, a chance failure
 * has p < 1e-4 per statistic).
 */
export function expectExactPartitionPosterior(tally: PartitionTally, ref: any, n: number, seBound: number): void {
  for (let k = 1; k <= n; k++) {
    const [mean, se] = tally.stat(k);
    expect(se).toBeLessThan(seBound);
    expect(Math.abs(mean - ref.probK[k]), `P(K=${k}) = ${mean} ± ${se}, exact ${ref.probK[k]}`).toBeLessThan(4.5 * se + 2e-3);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [mean, se] = tally.coassignment(i, j);
      expect(Math.abs(mean - ref.coassignment[i][j]), `P(${i}~${j}) = ${mean} ± ${se}, exact ${ref.coassignment[i][j]}`).toBeLessThan(4.5 * se + 2e-3);
    }
  }
}
