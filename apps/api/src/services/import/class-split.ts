/**
 * The authors' `class_indices_split.json` (docs/method.md, shipped data): list c holds the row indices of class c.
 * The shipped files index the rows left after deleting the generative-classification test sets from the training
 * array (order kept), so they are mapped through the sorted remaining rows when the held-out sets are known; a
 * file that covers every activation row is read directly.
 */
import type { Problem } from '../errors.ts';
import { readIndexJson } from './read-inputs.ts';

/** The class of every row the split names, -1 for rows it does not (the held-out test rows). */
export interface ClassSplitLabels {
  readonly labels: Int32Array;
  /** Rows with a class. */
  readonly labelled: number;
  /** How the indices were read. */
  readonly indexing: 'rows' | 'rows outside the held-out sets';
}

/**
 * Reads `path` for `n` activation rows. `heldOut` is the union of the generative-classification test sets
 * (indices into the n rows), or null when none ship. Pushes a problem and returns null when the file is malformed
 * or fits neither indexing.
 */
export async function readClassSplit(path: string, n: number, heldOut: readonly number[] | null, problems: Problem[]): Promise<ClassSplitLabels | null> {
  const lists = (await readIndexJson(path, 2, null, problems)) as number[][] | null;
  if (!lists) return null;
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  const heldOutSet = new Set(heldOut ?? []);
  let rowOf: (index: number) => number;
  let indexing: ClassSplitLabels['indexing'];
  if (total === n) {
    rowOf = (index) => index;
    indexing = 'rows';
  } else if (heldOutSet.size > 0 && total === n - heldOutSet.size) {
    const remaining = Array.from({ length: n }, (_, i) => i).filter((i) => !heldOutSet.has(i));
    rowOf = (index) => remaining[index] ?? -1;
    indexing = 'rows outside the held-out sets';
  } else {
    const expected = heldOutSet.size > 0 ? `${n} (every activation row) or ${n - heldOutSet.size} (the rows outside the ${heldOutSet.size} held-out test examples)` : `${n} (one per activation row)`;
    problems.push({ field: path, message: `lists ${total} indices; expected ${expected}` });
    return null;
  }
  const labels = new Int32Array(n).fill(-1);
  for (const [label, list] of lists.entries()) {
    for (const index of list) {
      const row = rowOf(index);
      if (row < 0 || row >= n) {
        problems.push({ field: path, message: `index ${index} in list ${label} is outside [0, ${indexing === 'rows' ? n : n - heldOutSet.size})` });
        return null;
      }
      if (labels[row] >= 0) {
        problems.push({ field: path, message: `index ${index} is listed twice (lists ${labels[row]} and ${label})` });
        return null;
      }
      labels[row] = label;
    }
  }
  return { labels, labelled: total, indexing };
}

/** The first disagreement of the split with `labels` as a problem message, or null when they agree on every row. */
export function classSplitDisagreement(split: ClassSplitLabels, labels: Int32Array, labelsField: string): string | null {
  let mismatches = 0;
  let first = -1;
  for (let row = 0; row < labels.length; row++) {
    if (split.labels[row] >= 0 && split.labels[row] !== labels[row]) {
      mismatches++;
      if (first < 0) first = row;
    }
  }
  if (mismatches === 0) return null;
  return `disagrees with ${labelsField} on ${mismatches} of ${split.labelled} rows (first: row ${first} is in list ${split.labels[first]} but labelled ${labels[first]}; indices read as ${split.indexing})`;
}
