import { describe, expect, it } from 'vitest';
import { groupContingency } from './group-agreement';

describe('groupContingency', () => {
  it('counts the four cells over shared classes only', () => {
    const base = { highLabels: [0, 1, 2, 9], lowLabels: [3, 4, 5] };
    const other = { highLabels: [1, 2, 3], lowLabels: [0, 4, 5, 7] };
    const t = groupContingency(base, other);
    expect(t.highHigh).toEqual([1, 2]);
    expect(t.highLow).toEqual([0]);
    expect(t.lowHigh).toEqual([3]);
    expect(t.lowLow).toEqual([4, 5]);
    expect(t.total).toBe(6);
    expect(t.agreement).toBeCloseTo(4 / 6, 12);
    // p_o = 4/6; both models put 3/6 in HIGH, so p_e = 0.5 and κ = (2/3 − 1/2) / (1/2) = 1/3.
    expect(t.kappa).toBeCloseTo(1 / 3, 12);
  });

  it('gives κ = 1 for identical splits and null for no shared classes', () => {
    const split = { highLabels: [1, 2], lowLabels: [0, 3] };
    expect(groupContingency(split, split).kappa).toBe(1);
    expect(groupContingency(split, { highLabels: [7], lowLabels: [8] })).toMatchObject({ total: 0, agreement: null, kappa: null });
  });

  it('leaves κ undefined when every class is in one group in both', () => {
    const all = { highLabels: [1, 2, 3], lowLabels: [] };
    expect(groupContingency(all, all)).toMatchObject({ agreement: 1, kappa: null });
  });
});
