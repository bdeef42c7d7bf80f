/**
 * Deterministic downsampling of long series for charts: cut the requested range first, then split it into
 * buckets and keep each bucket's minimum and maximum (in index order), always keeping the first and last point.
 * Peaks and dips survive, the same input always gives the same output, and `totalPoints` says what was reduced.
 */
import { BadUserInputError } from '../../errors.ts';

/** The GraphQL `DownsampledSeries`. */
export interface DownsampledSeries {
  readonly totalPoints: number;
  readonly x: number[];
  readonly y: number[];
}

/** Options: `[from, to)` index range (defaults: all) and the most points to return (2..5000, default 500). */
export interface DownsampleOptions {
  readonly from?: number | null;
  readonly to?: number | null;
  readonly maxPoints?: number | null;
}

/** Reduces `values` (x = position in the full series) to at most `maxPoints` points. */
export function downsample(values: readonly number[], options: DownsampleOptions = {}): DownsampledSeries {
  const maxPoints = options.maxPoints ?? 500;
  if (!Number.isInteger(maxPoints) || maxPoints < 2 || maxPoints > 5000) throw new BadUserInputError('maxPoints', `must be an integer in 2..5000, got ${maxPoints}`);
  const from = Math.max(0, options.from ?? 0);
  const to = Math.min(values.length, options.to ?? values.length);
  if (!Number.isInteger(from) || !Number.isInteger(to)) throw new BadUserInputError('from', '`from` and `to` must be integers');
  const total = Math.max(0, to - from);
  if (total <= maxPoints) {
    const x = Array.from({ length: total }, (_, i) => from + i);
    return { totalPoints: total, x, y: x.map((i) => values[i]) };
  }
  const keep = new Set<number>([from, to - 1]);
  const buckets = Math.floor((maxPoints - 2) / 2);
  const inner = total - 2;
  for (let b = 0; b < buckets; b++) {
    const start = from + 1 + Math.floor((b * inner) / buckets);
    const end = from + 1 + Math.floor(((b + 1) * inner) / buckets);
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (values[i] < values[lo]) lo = i;
      if (values[i] > values[hi]) hi = i;
    }
    if (end > start) keep.add(lo).add(hi);
  }
  const x = [...keep].sort((a, b) => a - b);
  return { totalPoints: total, x, y: x.map((i) => values[i]) };
}
