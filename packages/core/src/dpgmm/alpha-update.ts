import type { Rng } from '../rng/index.ts';
import type { DpgmmVariants } from './types.ts';

/** Gamma(shape, rate) prior on the DP concentration α (METHOD B.1). */
export interface AlphaPrior {
  readonly shape: number;
  readonly rate: number;
}

/**
 * One auxiliary-variable update of α given K clusters over n points (METHOD B.8):
 * w ~ Beta(α+1, n), u ~ Bernoulli(n/(n+α)), α ← Gamma(shape, b − ln w) with
 * shape a + K − 1 + u ('paper': the authors' code, shifted by +1 when u = 1) or
 * a + K − u ('textbook': Escobar & West 1995 / Teh et al. 2006, whose stationary
 * law is p(α | K, n) ∝ α^(a−1) e^(−bα) α^K Γ(α)/Γ(α+n)).
 * Draw order (fixed, part of the reproducible stream): w, then u, then α.
 */
export function updateAlpha(
  rng: Rng,
  alpha: number,
  clusterCount: number,
  n: number,
  prior: AlphaPrior,
  variant: DpgmmVariants['alphaUpdate'],
): number {
  const w = rng.beta(alpha + 1, n);
  const u = rng.bernoulli(n / (n + alpha));
  const shape = variant === 'paper' ? prior.shape + clusterCount - 1 + u : prior.shape + clusterCount - u;
  // w can underflow to 0 for tiny α and huge n; ln 0 would give rate ∞.
  const rate = prior.rate - Math.log(Math.max(w, Number.MIN_VALUE));
  return rng.gamma(shape, rate);
}

/** Initial α (METHOD B.2): 'paper' 1 + Exp(1) (scipy `loc` quirk), 'textbook' Gamma(a, b). */
export function initialAlpha(rng: Rng, prior: AlphaPrior, variant: DpgmmVariants['alphaInit']): number {
  return variant === 'paper' ? 1 + rng.gamma(1, 1) : rng.gamma(prior.shape, prior.rate);
}
