/** Sampler options of one fit of the analysis: the run's, with sweeps rescaled for cheaper subset fits and a seed offset per fit. */
import type { FitOptionsInput } from '@classfit/core/dpgmm';
import type { AnalysisOptions } from '../../analysis-options.ts';

/** Seed offsets of the fits: main 0, genclass 1, KL subsets 2 + subset order (unchanged: the streams of stored runs). */
export const FIT_SEED_OFFSET = { main: 0, genclass: 1, kl: { least: 2, most: 3, random: 4 } } as const;

export function fitOptions(options: AnalysisOptions, seedOffset: number, iterations = options.iterations): Partial<FitOptionsInput> {
  const scale = iterations / options.iterations;
  const burnIn = Math.min(iterations - 1, Math.round(options.burnIn * scale));
  return { iterations, burnIn, thin: Math.max(1, Math.round(options.thin * scale)), chains: options.chains, seed: options.seed + seedOffset };
}

/** RNG purposes within a layer's stream block: stream = layer·10⁶ + purpose·10⁴ + item. */
export const PURPOSE_STREAM = { entropy: 1, kl: 2, split: 3 } as const;
