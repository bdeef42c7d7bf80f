import { InvalidArgumentError } from '../errors/index.ts';
import type { Rng } from '../rng/index.ts';

/** Pearson's r of two equal-length samples (NaN when either is constant). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPair(x, y);
  return pearsonOf(x, y);
}

/** Spearman's ρ: Pearson's r of the ranks, ties given their average rank (scipy.stats.spearmanr). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPair(x, y);
  return spearmanOf(x, y);
}

/** `pearson` without the input checks (callers have checked the pair once). */
function pearsonOf(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

function spearmanOf(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearsonOf(averageRanks(x), averageRanks(y));
}

/** 1-based ranks, ties sharing the average of the ranks they span. @returns [n] */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** A correlation with a percentile-bootstrap confidence interval. */
export interface CorrelationEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly resamples: number;
}

/**
 * Correlation with a seeded percentile-bootstrap CI: resample pairs with
 * replacement `resamples` times; the interval is the (1±level)/2 quantiles
 * (linear interpolation, numpy's default) of the finite resampled values.
 */
export function correlationWithCi(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { method: 'pearson' | 'spearman'; rng: Rng; resamples?: number; level?: number },
): CorrelationEstimate {
  checkPair(x, y);
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new InvalidArgumentError('resamples', `must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError('level', `must be in (0, 1), got ${level}`);
  // Resamples draw from the checked pair, so they skip the per-call checks.
  const f = options.method === 'pearson' ? pearsonOf : spearmanOf;
  const n = x.length;
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = options.rng.integer(n);
      bx[i] = x[k];
      by[i] = y[k];
    }
    const v = f(bx, by);
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  return { estimate: f(x, y), lower: quantile(values, (1 - level) / 2), upper: quantile(values, (1 + level) / 2), level, resamples };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

function checkPair(x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length) throw new InvalidArgumentError('y', `must have as many entries as x (${x.length}), got ${y.length}`);
  if (x.length < 2) throw new InvalidArgumentError('x', `needs at least 2 entries, got ${x.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new InvalidArgumentError(Number.isFinite(x[i]) ? 'y' : 'x', `must be finite; entry ${i} is not`);
  }
}
