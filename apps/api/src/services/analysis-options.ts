/**
 * Options of a model analysis, declared once as data with their defaults
 * (STYLE 9). Sampler settings default to paper parity (METHOD.md B.7); the
 * Monte-Carlo sample counts default LOWER than the paper's for speed:
 *
 * - relative entropy: 2,000 samples per trace (paper 10⁵; METHOD K.2 puts the s.e. at
 *   ~0.1 nat per trace for 10⁴, so ~0.25 nat here, small next to the ~35-nat group difference);
 * - between-class KL: 500 samples per class per trace (paper 10⁴);
 * - KL subset fits: the paper fits a DP-GMM per class per subset (METHOD F); we do the same but
 *   with `subsetIterations` sweeps (default = the main fit's) so the cost can be cut independently;
 *   the genclass refit likewise with `genclassIterations`, and `refitStart: 'main'` starts both
 *   from the main fit's final state (absent: fresh starts, as the paper).
 */
import { z } from 'zod';
import { fitOptionsObject, withSamplerRules } from '@classfit/core/dpgmm';
import { SUBSET_NAMES } from './import/subset-selection.ts';

/** Paper reduction for four ResNet stages (METHOD A.4): 16/16/64/64; elsewhere min(64, D). */
export const PAPER_REDUCED_DIMS = [16, 16, 64, 64] as const;

/** Default SVD dimension of layer `index` of `layerCount` with raw dimension `dim`. */
export function defaultReducedDim(index: number, layerCount: number, dim: number): number {
  const paper = layerCount === 4 ? PAPER_REDUCED_DIMS[index] : 64;
  return Math.min(paper ?? 64, dim);
}

/** The analysis options' fields (also read by the CLI's flag table). */
export const analysisOptionsObject = z
  .object({
    /** Layer names to analyse (default all, in index order). */
    layers: z.array(z.string().min(1)).min(1).optional(),
    /** SVD dimension per selected layer (default {@link defaultReducedDim}); one value applies to all. */
    reduce: z.array(z.number().int().min(1).max(4096)).min(1).optional(),
    // Sampler fields: ranges and defaults from core's one declaration (burn-in rule included).
    ...fitOptionsObject.pick({ iterations: true, burnIn: true, thin: true }).shape,
    /** Seed of every random draw of the analysis; 0 is valid. At most 2³¹ − 1: stored in an int4 column and a GraphQL Int. */
    seed: fitOptionsObject.shape.seed.unwrap().max(2 ** 31 - 1).default(0),
    /**
     * Independent sampler chains per class, run in parallel (worker threads) — for every fit of the analysis.
     * Two by default (core's one-off fits default to one): R-hat and the between-chain spread of every
     * class's figures need ≥ 2 (docs/method.md C). The stored densities pool all chains' kept traces;
     * about twice the sampler time of one chain.
     */
    chains: fitOptionsObject.shape.chains.unwrap().default(2),
    /** Use only the first N examples of each class (deterministic; for quick looks). */
    examplesPerClass: z.number().int().min(2).optional(),
    /** Monte-Carlo samples per trace for relative entropy (paper 1e5). */
    entropySamples: z.number().int().min(0).max(1_000_000).default(2000),
    /** Monte-Carlo samples per class per trace for between-class KL (paper 1e4). */
    klSamples: z.number().int().min(0).max(100_000).default(500),
    /** Sweeps of the per-subset KL fits (default: `iterations`, with burn-in/thin scaled alike). */
    subsetIterations: fitOptionsObject.shape.iterations.unwrap().optional(),
    /** Sweeps of the generative-classification refit (default: `iterations`, with burn-in/thin scaled alike). */
    genclassIterations: fitOptionsObject.shape.iterations.unwrap().optional(),
    /**
     * How the genclass refit and the KL subset fits start (docs/method.md G): absent or 'fresh' — METHOD B.6's random
     * K0 clusters, as the paper; 'main' — every chain from the main fit's final partition of the same class and chain,
     * restricted to the fit's rows, so that a shorter `genclassIterations` / `subsetIterations` run suffices.
     */
    refitStart: z.enum(['fresh', 'main']).optional(),
    /** KL subsets to fit and compare (METHOD F); empty skips KL. */
    klSubsets: z.array(z.enum(SUBSET_NAMES)).default([...SUBSET_NAMES]),
    /** Generative-classification subsets (METHOD G); empty skips it. */
    genclassSubsets: z.array(z.enum(SUBSET_NAMES)).default([...SUBSET_NAMES]),
    /**
     * Also classify every example under all classes (example_scores.predicted_class). Costs
     * O(n·C) class evaluations (METHOD K.2: ~8·10¹² flops per layer at paper scale), so off by default.
     */
    classifyAll: z.boolean().default(false),
    /** Number of density bins (METHOD H.3: 50). */
    bins: z.number().int().min(1).max(10_000).default(50),
    /** Sampler boundaries every N sweeps: a checkpoint (resume point) is taken at one at most every 10 s of a fit (fit-step.ts). */
    checkpointEverySweeps: z.number().int().min(1).default(10),
  })
  .strict();

/** Analysis options with the sampler's rules (burn-in default and `burnIn < iterations`). */
export const analysisOptionsSchema = withSamplerRules(analysisOptionsObject);

/** Options as given (all optional). */
export type AnalysisOptionsInput = z.input<typeof analysisOptionsSchema>;
/** Options with defaults applied. */
export type AnalysisOptions = z.output<typeof analysisOptionsSchema>;
