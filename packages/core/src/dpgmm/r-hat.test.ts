import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { createRng } from '../rng/index.ts';
import { rHat } from './r-hat.ts';

describe('rHat (Gelman–Rubin)', () => {
  it('matches the formula on a hand-computed case', () => {
    // Chains [1,2,3] and [3,4,5]: W = 1, B/N = var of means (2, 4) = 2, V = 2/3 + 2 → R = sqrt(8/3).
    expect(rHat([[1, 2, 3], [3, 4, 5]])).toBeCloseTo(Math.sqrt(8 / 3), 14);
  });

  it('is ≈ 1 for chains from one distribution and large for chains stuck apart', () => {
    const rng = createRng(2, 2);
    const same = Array.from({ length: 4 }, () => Array.from({ length: 2000 }, () => rng.normal()));
    // With N = 2000 the excess over 1 is O(1/N) plus noise of the same order.
    expect(Math.abs(rHat(same) - 1)).toBeLessThan(0.01);
    const apart = same.map((c, j) => c.map((x) => x + 3 * j));
    expect(rHat(apart)).toBeGreaterThan(3);
  });

  it('handles constant chains and rejects bad shapes', () => {
    expect(rHat([[2, 2], [2, 2]])).toBe(1);
    expect(rHat([[2, 2], [3, 3]])).toBe(Infinity);
    expect(() => rHat([[1, 2]])).toThrow(InvalidArgumentError);
    expect(() => rHat([[1, 2], [1]])).toThrow(InvalidArgumentError);
  });
});
