/** The certification subsample: a seeded draw of `perBin` members of every density bin. */
import type { Rng } from '@classfit/core/rng';
import type { BinMember } from './bin-members.ts';

/**
 * Draws min(perBin, bin size) members of each bin without replacement (partial Fisher–Yates),
 * returned bin by bin, each bin's picks in ascending example index.
 * @param bins members per bin
 * @param perBin examples per bin, ≥ 1
 */
export function selectPerBin(bins: readonly (readonly BinMember[])[], perBin: number, rng: Rng): BinMember[][] {
  return bins.map((members) => {
    const order = Int32Array.from({ length: members.length }, (_, i) => i);
    const take = Math.min(perBin, members.length);
    for (let i = 0; i < take; i++) {
      const j = i + rng.integer(members.length - i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return Array.from(order.subarray(0, take), (p) => members[p]).sort((a, b) => a.index - b.index);
  });
}
