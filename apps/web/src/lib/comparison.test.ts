import { describe, expect, it } from 'vitest';
import { baselineFirst, classPairs, contingencies, deltaRows, groupGrid, profiles, type ComparisonLike } from './comparison';

const split = (high: number[], low: number[]) => ({ gap: 10, highCount: high.length, lowCount: low.length, highLabels: high, lowLabels: low });

// Baseline A has 4 layers; B has 2, so its layers repeat as the nearest to several of A's depths.
const comparison: ComparisonLike = {
  models: [{ id: 'A', name: 'rn18' }, { id: 'B', name: 'rn50' }],
  depths: [0.25, 0.5, 0.75, 1].map((d, i) => ({
    relativeDepth: d,
    entries: [
      { model: { id: 'A' }, layer: { name: `a${i + 1}`, relativeDepth: d }, mean: -10 * i, sd: 1, delta: null, values: [1 + i, 2, 3], groupSplit: split([0, 1], [2]), groupAgreement: null },
      { model: { id: 'B' }, layer: { name: i < 2 ? 'b1' : 'b2', relativeDepth: i < 2 ? 0.5 : 1 }, mean: -12 * i, sd: 2, delta: -2 * i, values: [5, 6, null], groupSplit: split([0], [1, 2]), groupAgreement: 0.5 },
    ],
  })),
};

describe('profiles', () => {
  it('lists each model layer once, by depth', () => {
    const p = profiles(comparison);
    expect(p.get('A')!.map((x) => x.layer)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(p.get('B')!.map((x) => [x.layer, x.relativeDepth])).toEqual([['b1', 0.5], ['b2', 1]]);
    expect(p.get('A')![0].highShare).toBeCloseTo(2 / 3, 12);
  });
});

describe('deltaRows', () => {
  it('gives one row per baseline depth keyed by the other models', () => {
    const rows = deltaRows(comparison);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toEqual({ depth: '1.00', layer: 'a4', B: -6 });
  });
});

describe('classPairs', () => {
  it('pairs classes present in both and labels group agreement', () => {
    expect(classPairs(comparison, 3, 1)).toEqual([
      { label: 0, baseline: 4, other: 5, agreement: 'both high' },
      { label: 1, baseline: 2, other: 6, agreement: 'differ' },
    ]);
    expect(classPairs(comparison, 9, 1)).toEqual([]);
  });
});

describe('contingencies', () => {
  it('compares each other model with the baseline', () => {
    const [t] = contingencies(comparison, 0);
    expect(t).toMatchObject({ highHigh: [0], highLow: [1], lowLow: [2], total: 3 });
  });
});

describe('groupGrid', () => {
  it('codes the groups of each model by label and finds the classes all models agree on', () => {
    const grid = groupGrid(comparison, 2);
    expect(grid.rows).toEqual([
      [1, 1, 0],
      [1, 0, 0],
    ]);
    expect(grid.allHigh).toEqual([0]);
    expect(grid.allLow).toEqual([2]);
    expect(groupGrid(comparison, 7)).toEqual({ rows: [], allHigh: [], allLow: [] });
  });
});

describe('baselineFirst', () => {
  it('moves the baseline to the front and drops repeats', () => {
    expect(baselineFirst(['a', 'b', 'c', 'b'], 'c')).toEqual(['c', 'a', 'b']);
    expect(baselineFirst(['a', 'b'], 'zzz')).toEqual(['a', 'b']);
  });
});
