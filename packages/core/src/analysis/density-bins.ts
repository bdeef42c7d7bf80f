import { InvalidArgumentError } from '../errors/index.ts';
import { meanAndSd } from './class-log-density-stats.ts';

/** One bin of examples with consecutive log-densities. */
export interface DensityBin {
  readonly index: number;
  readonly count: number;
  /** [count] example indices in the bin, ascending by log-density. */
  readonly examples: Int32Array;
  readonly logDensity: { mean: number; sd: number };
  /** Mean and population s.d. of each named per-example score over the bin. */
  readonly scores: Record<string, { mean: number; sd: number }>;
  /** Share of the bin's examples from high-density classes (null without `highDensity`). */
  readonly highDensityShare: number | null;
}

/** Inputs besides the log-densities. */
export interface DensityBinOptions {
  /** Examples per bin; the paper uses 1,000 (50 bins of 50,000 examples). */
  readonly binSize?: number;
  /** Per-example scores to summarise per bin, e.g. { memorization: tr_mem }; each [n]. */
  readonly scores?: Record<string, ArrayLike<number>>;
  /** [n] whether each example's class is in the high-density group. */
  readonly highDensity?: ArrayLike<boolean | number>;
}

/**
 * Density bins (METHOD.md H.3): sort examples by their own-class log-density
 * (ascending; ties by index), cut into consecutive bins of `binSize`, and
 * summarise each bin. A remainder smaller than `binSize` forms a last, smaller bin.
 * @param logDensities [n]
 */
export function densityBins(logDensities: ArrayLike<number>, options: DensityBinOptions = {}): DensityBin[] {
  const n = logDensities.length;
  const binSize = options.binSize ?? 1000;
  if (!Number.isInteger(binSize) || binSize < 1) throw new InvalidArgumentError('binSize', `must be a positive integer, got ${binSize}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(logDensities[i])) throw new InvalidArgumentError('logDensities', `must be finite; entry ${i} is ${logDensities[i]}`);
  }
  const scores = options.scores ?? {};
  for (const [name, values] of Object.entries(scores)) {
    if (values.length !== n) throw new InvalidArgumentError(`scores.${name}`, `must have ${n} entries, got ${values.length}`);
  }
  const high = options.highDensity;
  if (high !== undefined && high.length !== n) throw new InvalidArgumentError('highDensity', `must have ${n} entries, got ${high.length}`);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => logDensities[a] - logDensities[b] || a - b);
  const bins: DensityBin[] = [];
  for (let start = 0, index = 0; start < n; start += binSize, index++) {
    const examples = order.slice(start, Math.min(n, start + binSize));
    const pick = (values: ArrayLike<number>) => Array.from(examples, (i) => values[i]);
    const summaries: Record<string, { mean: number; sd: number }> = {};
    for (const [name, values] of Object.entries(scores)) summaries[name] = meanAndSd(pick(values));
    const highShare = high === undefined ? null : Array.from(examples).filter((i) => Boolean(high[i])).length / examples.length;
    bins.push({ index, count: examples.length, examples, logDensity: meanAndSd(pick(logDensities)), scores: summaries, highDensityShare: highShare });
  }
  return bins;
}
