/** The y-range of Fig. 3's memorization panel. */

/** A bin's memorization summary. */
export interface BinMemorization {
  readonly memorizationMean: number | null;
  readonly memorizationSd: number | null;
}

/**
 * The memorization axis: from 0 (or the lowest bin mean, when scores are negative) to the highest mean + s.d.,
 * never past the score's range [−1, 1]; error bars beyond it are clipped, not allowed to stretch the axis.
 */
export function memorizationDomain(rows: readonly BinMemorization[]): [number, number] {
  const means = rows.map((r) => r.memorizationMean).filter((v): v is number => v !== null && Number.isFinite(v));
  if (means.length === 0) return [0, 1];
  const uppers = rows.map((r) => (r.memorizationMean ?? 0) + (r.memorizationSd ?? 0));
  const lo = Math.max(-1, Math.min(0, Math.floor(Math.min(...means) * 10) / 10));
  const hi = Math.min(1, Math.ceil(Math.max(...uppers, ...means) * 10 - 1e-9) / 10); // 1e-9: 0.4 + 0.2 is 0.6000000000000001
  return [lo, hi > lo ? hi : lo + 0.1];
}
