import { describe, expect, it } from 'vitest';
import type { StepResult } from './fit-step.ts';
import { startsFromMain } from './warm-start.ts';

/** A main fit of rows 0..5: class 0 = rows 0, 2, 4; class 1 = rows 1, 3, 5; two chains each. */
const labels = Int32Array.of(0, 1, 0, 1, 0, 1);
const series = [[1], [1]];
const main = {
  summary: {
    classes: [
      { label: 0, n: 3, clusterCounts: series, logLikelihoods: series, alphas: series, rHat: null, finalStates: [{ assignments: [0, 1, 1], alpha: 0.5 }, { assignments: [2, 0, 1], alpha: 1.5 }] },
      { label: 1, n: 3, clusterCounts: series, logLikelihoods: series, alphas: series, rHat: null, finalStates: [{ assignments: [0, 0, 1], alpha: 2 }, { assignments: [1, 1, 0], alpha: 3 }] },
    ],
  },
} as unknown as StepResult;

describe('startsFromMain', () => {
  it('restricts each chain’s final partition to the fit’s rows, unit = class · chains + chain, classDataFrom order', () => {
    // Rows 4, 3, 2, 5 (held-out rows 0 and 1 dropped): class 0 gets rows 4, 2 (positions order), class 1 rows 3, 5.
    const starts = startsFromMain(main, labels, [4, 3, 2, 5], 2);
    expect(starts.map((s) => (s ? [Array.from(s.assignments), s.alpha] : null))).toEqual([
      [[1, 1], 0.5], // class 0 chain 0: row 4 → main position 2 (label 1), row 2 → position 1 (label 1)
      [[1, 0], 1.5],
      [[0, 1], 2], // class 1 chain 0: row 3 → position 1, row 5 → position 2
      [[1, 0], 3],
    ]);
  });

  it('leaves a class without stored final states (older summaries) or with another chain count to a fresh start', () => {
    const old = { summary: { classes: main.summary.classes.map(({ finalStates: _f, ...c }) => c) } } as unknown as StepResult;
    expect(startsFromMain(old, labels, [0, 1, 2, 3], 2)).toEqual([undefined, undefined, undefined, undefined]);
    expect(startsFromMain(main, labels, [0, 1, 2, 3], 3)).toHaveLength(6);
    expect(startsFromMain(main, labels, [0, 1, 2, 3], 3).every((s) => s === undefined)).toBe(true);
  });
});
