/**
 * Is a layer's largest-gap split real (docs/method.md H.1)? The rule always finds a gap, so every stored split
 * carries the evidence for it, computed from the same pooled own-class log-densities the split is made from.
 *
 * The choice, argued:
 * - **The verdict is Silverman's bandwidth test on the class means** (`testUnimodality`; modes-test.ts argues
 *   the test itself). A test of "the gap is larger than chance" needs a null distribution of the largest gap,
 *   and that depends on the unknown shape of a one-mode population of class means (a long tail alone makes
 *   large gaps). The smoothed bootstrap at the critical bandwidth draws from the least-smoothed *unimodal*
 *   density of the class means, so it is that calibrated null: p is the chance that a one-mode population
 *   like this one would still look bimodal at this bandwidth. A layer **passes** when p < 0.05
 *   ({@link SPLIT_SIGNIFICANCE_LEVEL}), one stated level for every layer of every model.
 * - **The gap and the s.d. ratio get intervals, not verdicts**, from resampling each class's examples
 *   (`splitSignificance`): how well the examples pin them down with the fitted densities held fixed. The
 *   s.d. ratio (median low-group s.d. over the high group's) is the paper's second signature of two modes;
 *   an interval above 1 says the low group is really wider.
 * - **The sampler's share of the uncertainty is reported apart, not folded into p**: each chain's own gap and
 *   how many chains reproduce the split (chain-figures.ts). Two chains give no distribution to calibrate a
 *   p-value against; mixing them in would be ad hoc, while showing them lets a reader see a split that only
 *   one chain finds.
 * - Limits: with few classes (10 in the demo) the test has little power, so "does not pass" is weak evidence of
 *   one mode; the bootstrap p-value is conservative (modes-test.ts), so "passes" is strong evidence of two.
 */
import { classLogDensityStats, splitSignificance } from '@classfit/core/analysis';
import type { Rng } from '@classfit/core/rng';

/** Level below which a layer's modes-test p-value says it has more than one mode of class fitting. */
export const SPLIT_SIGNIFICANCE_LEVEL = 0.05;

/** Bootstrap sizes: the p-value's Monte-Carlo s.e. ≤ 0.5/√1000 ≈ 0.016; intervals from 200 resamples. */
const MODE_REPLICATES = 1000;
const RESAMPLES = 200;

/** The evidence for one layer's split, as stored with it. */
export interface SplitEvidence {
  readonly modesPValue: number;
  readonly criticalBandwidth: number;
  readonly modesReplicates: number;
  readonly gapLow: number;
  readonly gapHigh: number;
  readonly sdRatio: number | null;
  readonly sdRatioLow: number | null;
  readonly sdRatioHigh: number | null;
  readonly stability: number;
  readonly bootstrapReplicates: number;
  readonly intervalLevel: number;
}

/**
 * The evidence from per-example own-class log-densities; null with fewer than three classes (a mode count of
 * two numbers means nothing) or when all class means are equal.
 * @param logDensities [n]; labels [n]
 */
export function splitEvidence(logDensities: ArrayLike<number>, labels: ArrayLike<number>, rng: Rng): SplitEvidence | null {
  const means = classLogDensityStats(logDensities, labels).map((s) => s.mean);
  if (means.length < 3 || means.every((m) => m === means[0])) return null;
  const result = splitSignificance(logDensities, labels, { rng, modeReplicates: MODE_REPLICATES, replicates: RESAMPLES });
  return {
    modesPValue: result.modes.pValue,
    criticalBandwidth: result.modes.criticalBandwidth,
    modesReplicates: result.modes.replicates,
    gapLow: result.gap.low,
    gapHigh: result.gap.high,
    sdRatio: result.sdRatio?.estimate ?? null,
    sdRatioLow: result.sdRatio?.low ?? null,
    sdRatioHigh: result.sdRatio?.high ?? null,
    stability: result.stability,
    bootstrapReplicates: result.replicates,
    intervalLevel: result.level,
  };
}

/** Whether a stored p-value passes; null when none was computed. */
export function splitPasses(modesPValue: number | null | undefined): boolean | null {
  return modesPValue === null || modesPValue === undefined ? null : modesPValue < SPLIT_SIGNIFICANCE_LEVEL;
}
