/**
 * Warm starts of an analysis' related fits (docs/method.md G): the genclass refit and the KL subset fits fit
 * classes whose rows are a subset of the main fit's rows, so each of their chains can start from the main fit's
 * final partition of the same class and chain, restricted to those rows.
 */
import type { ChainStart } from '@classfit/core/dpgmm';
import { classRows } from './class-data.ts';
import type { StepResult } from './fit-step.ts';

/**
 * One start per unit (class index · chains + chain) of a fit of `positions`, in `classDataFrom` order; undefined
 * for classes the main fit has no final state for (a summary stored before final states were kept).
 * @param main the main fit, of every row (`classDataFrom` of all positions)
 */
export function startsFromMain(main: Pick<StepResult, 'summary'>, labels: Int32Array, positions: ArrayLike<number>, chains: number): (ChainStart | undefined)[] {
  const all = Int32Array.from({ length: labels.length }, (_, i) => i);
  const mainRows = new Map(classRows(labels, all).map(({ label, rows }) => [label, rows]));
  const mainClasses = new Map(main.summary.classes.map((c) => [c.label, c]));
  return classRows(labels, positions).flatMap(({ label, rows }) => {
    const states = mainClasses.get(label)?.finalStates;
    const ownRows = mainRows.get(label);
    if (!states || states.length !== chains || !ownRows) return Array.from({ length: chains }, () => undefined);
    const index = new Map(ownRows.map((row, i) => [row, i]));
    return states.map((state) => ({ assignments: Int32Array.from(rows, (row) => state.assignments[index.get(row)!]), alpha: state.alpha }));
  });
}
