import { betaQuantile } from './incomplete-beta.ts';

/**
 * One-sided Clopper–Pearson lower confidence bound for a binomial proportion:
 * with probability ≥ 1 − α the true p is ≥ the bound, given `successes` out of
 * `trials`. Equals statsmodels' `proportion_confint(k, n, alpha=2α, method='beta')[0]`
 * = Beta.ppf(α; k, n − k + 1), and 0 when k = 0 (Cohen et al.'s CERTIFY, METHOD.md H.4).
 */
export function clopperPearsonLower(successes: number, trials: number, alpha: number): number {
  if (successes <= 0) return 0;
  return betaQuantile(alpha, successes, trials - successes + 1);
}
