/**
 * Is there really more than one mode? Silverman's (1981) bandwidth test on a handful of numbers — here the C
 * class means of one layer — with the p-value from the rescaled smoothed bootstrap (Efron & Tibshirani 1993,
 * §16.5).
 *
 * Why this test (for the largest-gap split of METHOD.md H.1): the largest-gap rule always returns a gap, so the
 * question is whether the class means come from one unimodal population or from more than one mode.
 * - It is nonparametric: H₀ is "the class means are drawn from a unimodal distribution", no normality. A skewed
 *   but unimodal spread of class means is not mistaken for two modes, which a Gaussian-mixture likelihood-ratio
 *   test would do. Its known weakness: with one bandwidth for all the data, a very long tail of a few isolated
 *   classes can show as extra bumps (lognormal class means with σ ≈ 1.2 give p ≈ 0.04 at C = 100); the split's
 *   bootstrap interval and stability (split-significance.ts) say whether such a split is stable.
 * - Its statistic, h₁ = the smallest kernel bandwidth at which the density of the class means has one mode, reads
 *   as "how much must the class means be smoothed before the second mode disappears", in the means' own units
 *   (nats); it is unchanged by shifting or scaling all log-densities, as a change of units of the activations does.
 * - Noise in the class means (each is the mean of ~500 per-example log-densities) does not make a unimodal
 *   population look bimodal: adding Gaussian noise (log-concave) to a unimodal distribution keeps it unimodal
 *   (Ibragimov 1956), so the test keeps its level on estimated means.
 * Assumptions and limits: classes are exchangeable draws (independent given the network); the bootstrap p-value
 * is conservative (Hall & York 2001: its true level is below the nominal one), so a small p is strong evidence
 * and a large p with few classes (10 in the demo) is weak evidence either way — with C = 10 a single outlying
 * class cannot be told from the tail of one mode. Chosen over Hartigan's dip test, which answers the same question
 * but whose exact algorithm is long; the bandwidth test is a few lines over a KDE mode count.
 */
import { InvalidArgumentError } from '../errors/index.ts';
import type { Rng } from '../rng/index.ts';
import { criticalBandwidth, kdeModeCount } from './kde-modes.ts';

/** The result of the test on one set of values. */
export interface ModesTest {
  /** Silverman's critical bandwidth for one mode, in the values' units. */
  readonly criticalBandwidth: number;
  /** Modes of the estimate at half the critical bandwidth (how many the data suggest, ≥ 2 when p is small). */
  readonly modesAtHalfBandwidth: number;
  /** Bootstrap p-value of H₀ "unimodal": (1 + #{h₁* > h₁}) / (B + 1). */
  readonly pValue: number;
  readonly replicates: number;
}

/**
 * Tests unimodality of `values` (e.g. class means).
 * @param values [C] finite numbers, C ≥ 3, not all equal
 * @param options.rng the random source (bootstrap resampling and kernel noise)
 * @param options.replicates bootstrap replicates B (default 1000; the p-value's Monte-Carlo s.e. is ≤ 0.5/√B)
 */
export function testUnimodality(values: ArrayLike<number>, options: { rng: Rng; replicates?: number }): ModesTest {
  const n = values.length;
  const replicates = options.replicates ?? 1000;
  if (n < 3) throw new InvalidArgumentError('values', `needs at least 3 values, got ${n}`);
  if (!Number.isInteger(replicates) || replicates < 1) throw new InvalidArgumentError('replicates', `must be a positive integer, got ${replicates}`);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new InvalidArgumentError('values', `must be finite; entry ${i} is ${values[i]}`);
    mean += values[i] / n;
  }
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i] - mean) ** 2 / n;
  if (!(variance > 0)) throw new InvalidArgumentError('values', 'must not all be equal');

  const h1 = criticalBandwidth(values, 1);
  // Draws from the h₁-smoothed estimate, shrunk to the sample variance: y = ȳ* + (x_J − ȳ* + h₁ε)/√(1 + h₁²/σ²).
  // A replicate has h₁* > h₁ exactly when its estimate at h₁ still has more than one mode (monotonicity).
  const shrink = 1 / Math.sqrt(1 + (h1 * h1) / variance);
  const draw = new Float64Array(n);
  let exceed = 0;
  for (let b = 0; b < replicates; b++) {
    let drawMean = 0;
    for (let i = 0; i < n; i++) {
      draw[i] = values[options.rng.integer(n)];
      drawMean += draw[i] / n;
    }
    for (let i = 0; i < n; i++) draw[i] = drawMean + (draw[i] - drawMean + h1 * options.rng.normal()) * shrink;
    if (kdeModeCount(draw, h1) > 1) exceed++;
  }
  return { criticalBandwidth: h1, modesAtHalfBandwidth: kdeModeCount(values, h1 / 2), pValue: (1 + exceed) / (replicates + 1), replicates };
}
