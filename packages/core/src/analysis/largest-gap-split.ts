import { InvalidArgumentError } from '../errors/index.ts';

/** The two modes of class fitting at one layer (METHOD.md H.1). */
export interface LargestGapSplit {
  /** Midpoint of the largest gap between consecutive sorted class means. */
  readonly threshold: number;
  /** Size of that gap. */
  readonly gap: number;
  /** Labels of the classes below the threshold ("low-density"), ascending by mean. */
  readonly lowClasses: number[];
  /** Labels of the classes above it ("high-density"), ascending by mean. */
  readonly highClasses: number[];
}

/**
 * Splits classes into low- and high-density groups: sort the class means,
 * find the largest gap between consecutive values, threshold = its midpoint.
 * Whole classes are grouped; no tuning. Ties in gap size go to the lowest gap.
 * @param classMeans [C] each class's mean log-density (C ≥ 2)
 * @param labels [C] the class labels, default 0..C−1
 */
export function largestGapSplit(classMeans: ArrayLike<number>, labels?: ArrayLike<number>): LargestGapSplit {
  const c = classMeans.length;
  if (c < 2) throw new InvalidArgumentError('classMeans', `needs at least 2 classes, got ${c}`);
  if (labels !== undefined && labels.length !== c) throw new InvalidArgumentError('labels', `must have ${c} entries, got ${labels.length}`);
  for (let i = 0; i < c; i++) {
    if (!Number.isFinite(classMeans[i])) throw new InvalidArgumentError('classMeans', `must be finite; entry ${i} is ${classMeans[i]}`);
  }
  const order = Array.from({ length: c }, (_, i) => i).sort((a, b) => classMeans[a] - classMeans[b] || a - b);
  let at = 0;
  let gap = -Infinity;
  for (let i = 0; i + 1 < c; i++) {
    const g = classMeans[order[i + 1]] - classMeans[order[i]];
    if (g > gap) [gap, at] = [g, i];
  }
  const label = (i: number) => (labels === undefined ? i : Number(labels[i]));
  return {
    threshold: (classMeans[order[at]] + classMeans[order[at + 1]]) / 2,
    gap,
    lowClasses: order.slice(0, at + 1).map(label),
    highClasses: order.slice(at + 1).map(label),
  };
}
