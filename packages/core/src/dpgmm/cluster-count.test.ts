import { describe, expect, it } from 'vitest';
import { meanClusterCount } from './cluster-count.ts';

describe('meanClusterCount', () => {
  it('is the mean over the sweeps from burn-in on, not the last sweep', () => {
    // Sweeps 0..5; burn-in 2 keeps sweeps 2..5: (4 + 2 + 3 + 1) / 4 = 2.5, while the last sweep says 1.
    expect(meanClusterCount([9, 8, 4, 2, 3, 1], 2)).toBe(2.5);
    expect(meanClusterCount([9, 8, 4, 2, 3, 1], 0)).toBeCloseTo(27 / 6, 15);
  });

  it('pools the kept sweeps of every chain', () => {
    expect(meanClusterCount([[9, 1, 1], [9, 3, 5]], 1)).toBe(2.5);
  });

  it('uses the whole chain when burn-in covers it, and null without sweeps', () => {
    expect(meanClusterCount([2, 4], 5)).toBe(3);
    expect(meanClusterCount([], 0)).toBeNull();
    expect(meanClusterCount([[]], 0)).toBeNull();
  });
});
