import { InvalidArgumentError } from '../errors/index.ts';

/** Mean and spread of one class's per-example log-densities. */
export interface ClassLogDensityStats {
  readonly label: number;
  readonly count: number;
  readonly mean: number;
  /** Population s.d. (numpy.std, as the paper's Fig. 1 code). */
  readonly sd: number;
}

/**
 * Per-class mean and population s.d. of per-example log-densities (METHOD.md D, Fig. 1).
 * @param logDensities [n] each example's own-class log-density
 * @param labels [n] class labels
 * @returns one entry per label present, ascending by label
 */
export function classLogDensityStats(logDensities: ArrayLike<number>, labels: ArrayLike<number>): ClassLogDensityStats[] {
  if (logDensities.length !== labels.length) {
    throw new InvalidArgumentError('labels', `must have as many entries as logDensities (${logDensities.length}), got ${labels.length}`);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const v = logDensities[i];
    if (!Number.isFinite(v)) throw new InvalidArgumentError('logDensities', `must be finite; entry ${i} is ${v}`);
    const label = Number(labels[i]);
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label)!.push(v);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([label, values]) => {
      const { mean, sd } = meanAndSd(values);
      return { label, count: values.length, mean, sd };
    });
}

/** Mean and population s.d. (NaN for an empty list). */
export function meanAndSd(values: ArrayLike<number>): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return { mean, sd: Math.sqrt(squares / n) };
}
