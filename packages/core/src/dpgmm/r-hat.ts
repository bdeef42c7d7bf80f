import { InvalidArgumentError } from '../errors/index.ts';

/**
 * Gelman–Rubin potential scale reduction factor of one scalar over m ≥ 2 chains
 * of equal length N ≥ 2: R̂ = sqrt(V̂/W), V̂ = (N−1)/N·W + B/N, with W the mean
 * within-chain variance (1/(N−1)) and B/N the variance of the chain means (1/(m−1)).
 * @param chains [m][N]
 * @returns R̂ ≥ 0 (1 for identical constant chains, ∞ for distinct constant chains)
 */
export function rHat(chains: readonly (readonly number[])[]): number {
  const m = chains.length;
  if (m < 2) throw new InvalidArgumentError('chains', `needs at least 2 chains, got ${m}`);
  const len = chains[0].length;
  if (len < 2) throw new InvalidArgumentError('chains', `needs at least 2 draws per chain, got ${len}`);
  if (chains.some((c) => c.length !== len)) throw new InvalidArgumentError('chains', 'all chains must have the same length');
  const means = chains.map((c) => c.reduce((s, x) => s + x, 0) / len);
  const grand = means.reduce((s, x) => s + x, 0) / m;
  const between = (len / (m - 1)) * means.reduce((s, x) => s + (x - grand) ** 2, 0);
  const within =
    chains.reduce((s, c, j) => s + c.reduce((t, x) => t + (x - means[j]) ** 2, 0) / (len - 1), 0) / m;
  if (within === 0) return between === 0 ? 1 : Infinity;
  const pooled = ((len - 1) / len) * within + between / len;
  return Math.sqrt(pooled / within);
}
