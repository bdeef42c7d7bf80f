/**
 * Deterministic min/max downsampling for long series, the same rule the API uses: keep the first and last
 * points, split the rest into buckets and keep each bucket's minimum and maximum (in x order), so spikes
 * survive. Used only as a guard when a chart is handed more points than it can draw usefully.
 */

export interface Series {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/**
 * @param series `x` and `y` of equal length n, `x` ascending.
 * @param maxPoints at most this many points come back (≥ 4); n ≤ maxPoints returns the series unchanged.
 * @returns the kept points and `totalPoints` = n.
 */
export function downsampleMinMax(series: Series, maxPoints: number): Series & { totalPoints: number } {
  const n = series.x.length;
  if (series.y.length !== n) throw new RangeError(`downsampleMinMax: x has ${n} points but y has ${series.y.length}`);
  if (!(maxPoints >= 4)) throw new RangeError(`downsampleMinMax: maxPoints must be ≥ 4, got ${maxPoints}`);
  if (n <= maxPoints) return { x: [...series.x], y: [...series.y], totalPoints: n };

  const buckets = Math.floor((maxPoints - 2) / 2);
  const inner = n - 2;
  const keep = [0];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (end <= start) continue;
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (series.y[i] < series.y[lo]) lo = i;
      if (series.y[i] > series.y[hi]) hi = i;
    }
    if (lo === hi) keep.push(lo);
    else keep.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  keep.push(n - 1);
  return { x: keep.map((i) => series.x[i]), y: keep.map((i) => series.y[i]), totalPoints: n };
}
