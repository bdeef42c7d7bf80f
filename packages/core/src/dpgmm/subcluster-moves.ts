import { lgamma } from '../special/index.ts';

/**
 * Chang & Fisher's (NIPS 2013) split Hastings ratio, ln H_split, for splitting a cluster of n = n_l + n_r
 * points into its two sub-clusters: H = α Γ(n_l) f(x_l) Γ(n_r) f(x_r) / (Γ(n) f(x)), f the NIW marginal
 * likelihood of a set (all in logs; as DPMMSubClusters.jl's `should_split_local!`).
 */
export function splitLogRatio(alpha: number, nl: number, nr: number, logFl: number, logFr: number, logF: number): number {
  return Math.log(alpha) + lgamma(nl) + logFl + lgamma(nr) + logFr - lgamma(nl + nr) - logF;
}

/**
 * The paper's merge ratio for joining clusters i and j (n = n_i + n_j) into one whose sub-clusters are
 * the two parts: H = Γ(n) f(x) Γ(α) Γ(α/2 + n_i) Γ(α/2 + n_j) / (α Γ(n_i) f(x_i) Γ(n_j) f(x_j) Γ(α/2)² Γ(α + n)).
 */
export function mergeLogRatio(alpha: number, ni: number, nj: number, logFi: number, logFj: number, logF: number): number {
  const n = ni + nj;
  return (
    -Math.log(alpha) +
    lgamma(alpha) -
    2 * lgamma(alpha / 2) +
    lgamma(n) -
    lgamma(n + alpha) +
    lgamma(ni + alpha / 2) +
    lgamma(nj + alpha / 2) -
    lgamma(ni) -
    lgamma(nj) +
    logF -
    logFi -
    logFj
  );
}
