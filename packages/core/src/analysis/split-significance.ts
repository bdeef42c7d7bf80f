/**
 * How much to trust one layer's largest-gap split (METHOD.md H.1): a test of whether its class means have more
 * than one mode at all (`testUnimodality`, Silverman's bandwidth test — see modes-test.ts for why this test and
 * its assumptions), and how stable the split and its two summary numbers are under resampling the examples
 * within each class (the per-example log-densities being the data; the fitted density is held fixed — the
 * spread between sampler chains is reported apart, per class).
 */
import { InvalidArgumentError } from '../errors/index.ts';
import type { Rng } from '../rng/index.ts';
import { classLogDensityStats } from './class-log-density-stats.ts';
import { largestGapSplit } from './largest-gap-split.ts';
import { testUnimodality, type ModesTest } from './modes-test.ts';

/** A bootstrap percentile interval. */
export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** The evidence for one layer's split. */
export interface SplitSignificance {
  /** H₀ "the class means have one mode"; a small p-value says the two groups are real. */
  readonly modes: ModesTest;
  /** The largest gap (nats) with its interval. */
  readonly gap: Interval;
  /** Median per-class s.d. of the low group over that of the high group (the paper: ~10), null if a group has < 1 class. */
  readonly sdRatio: Interval | null;
  /** Fraction of bootstrap replicates whose largest-gap split puts every class in the group it has here. */
  readonly stability: number;
  readonly replicates: number;
  /** The level of the intervals, e.g. 0.95. */
  readonly level: number;
}

/** Options; the defaults keep the p-value's Monte-Carlo s.e. ≤ 0.016 and cost well under a second for 100 classes. */
export interface SplitSignificanceOptions {
  readonly rng: Rng;
  /** Smoothed-bootstrap replicates of the modes test (default 1000). */
  readonly modeReplicates?: number;
  /** Within-class resamples for the intervals and the stability (default 200). */
  readonly replicates?: number;
  /** Interval level (default 0.95). */
  readonly level?: number;
}

/**
 * The significance and stability of the largest-gap split of per-example own-class log-densities.
 * @param logDensities [n] each example's log-density under its own class
 * @param labels [n] class labels (≥ 3 classes)
 */
export function splitSignificance(logDensities: ArrayLike<number>, labels: ArrayLike<number>, options: SplitSignificanceOptions): SplitSignificance {
  const stats = classLogDensityStats(logDensities, labels);
  if (stats.length < 3) throw new InvalidArgumentError('labels', `needs at least 3 classes for a split test, got ${stats.length}`);
  const replicates = options.replicates ?? 200;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(replicates) || replicates < 1) throw new InvalidArgumentError('replicates', `must be a positive integer, got ${replicates}`);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError('level', `must be in (0, 1), got ${level}`);
  const means = stats.map((s) => s.mean);
  const classLabels = stats.map((s) => s.label);
  const observed = largestGapSplit(means, classLabels);
  const low = new Set(observed.lowClasses);
  const ratio = (sds: number[], lowSet: ReadonlySet<number>) => sdRatio(sds, classLabels, lowSet);

  const modes = testUnimodality(means, { rng: options.rng, replicates: options.modeReplicates });

  // Values of each class, in label order of `stats`.
  const index = new Map(classLabels.map((l, c) => [l, c]));
  const byClass: number[][] = stats.map(() => []);
  for (let i = 0; i < labels.length; i++) byClass[index.get(Number(labels[i]))!].push(logDensities[i]);

  const gaps = new Float64Array(replicates);
  const ratios: number[] = [];
  let same = 0;
  const bootMeans = new Float64Array(stats.length);
  const bootSds = new Array<number>(stats.length);
  for (let b = 0; b < replicates; b++) {
    byClass.forEach((values, c) => {
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[options.rng.integer(values.length)];
        sum += v;
        squares += v * v;
      }
      const mean = sum / values.length;
      bootMeans[c] = mean;
      bootSds[c] = Math.sqrt(Math.max(0, squares / values.length - mean * mean));
    });
    const split = largestGapSplit(bootMeans, classLabels);
    gaps[b] = split.gap;
    const bootLow = new Set(split.lowClasses);
    const r = ratio(bootSds, bootLow);
    if (r !== null) ratios.push(r);
    if (bootLow.size === low.size && split.lowClasses.every((l) => low.has(l))) same++;
  }
  const observedRatio = ratio(stats.map((s) => s.sd), low);
  return {
    modes,
    gap: { estimate: observed.gap, ...percentiles(gaps, level) },
    sdRatio: observedRatio === null || ratios.length === 0 ? null : { estimate: observedRatio, ...percentiles(Float64Array.from(ratios), level) },
    stability: same / replicates,
    replicates,
    level,
  };
}

function sdRatio(sds: readonly number[], labels: readonly number[], low: ReadonlySet<number>): number | null {
  const lowSds = sds.filter((_, c) => low.has(labels[c]));
  const highSds = sds.filter((_, c) => !low.has(labels[c]));
  if (lowSds.length === 0 || highSds.length === 0) return null;
  const h = median(highSds);
  return h > 0 ? median(lowSds) / h : null;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Percentile interval [(1 − level)/2, (1 + level)/2] of `values` (linear interpolation, numpy's default). */
function percentiles(values: Float64Array, level: number): { low: number; high: number } {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => {
    const x = q * (sorted.length - 1);
    const i = Math.floor(x);
    return i + 1 < sorted.length ? sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
  };
  return { low: at((1 - level) / 2), high: at((1 + level) / 2) };
}
