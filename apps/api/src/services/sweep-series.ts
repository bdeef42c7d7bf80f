/** Stored per-sweep series (cluster counts, log-likelihoods, α) as chains. */
import type { SweepSeries } from '@classfit/db';

/**
 * A stored series as one list per chain: `number[]` is one chain (rows stored before multi-chain runs kept chain
 * 0 only), `number[][]` one per chain; anything else none.
 */
export function seriesChains(value: SweepSeries | unknown): number[][] {
  if (!Array.isArray(value) || value.length === 0) return [];
  if (value.every((v) => typeof v === 'number')) return [value as number[]];
  return value.filter((v): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number'));
}
