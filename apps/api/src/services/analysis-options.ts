/**
 * Options of a model analysis, declared once as data with their defaults
 * (STYLE 9). Sampler settings default to paper parity (METHOD.md B.7); the
 * Monte-Carlo sample counts default LOWER than the paper's for speed:
 *
 * - relative entropy: 2,000 samples per trace (paper 10⁵; METHOD K.2 puts the s.e. at
 *   ~0.1 nat per trace for 10⁴, so ~0.25 nat here, small next to the ~35-nat group difference);
 * - between-class KL: 500 samples per class per trace (paper 10⁴);
 * - KL subset fits: the paper fits a DP-GMM per class per subset (METHOD F); we do the same but
 *   with `subsetIterations` sweeps (default = the main fit's) so the cost can be cut independently.
 */
import { z } from 'zod';
import { SUBSET_NAMES } from './import/subset-selection.ts';

/** Paper reduction for four ResNet stages (METHOD A.4): 16/16/64/64; elsewhere min(64, D). */
export const PAPER_REDUCED_DIMS = [16, 16, 64, 64] as const;

/** Default SVD dimension of layer `index` of `layerCount` with raw dimension `dim`. */
export function defaultReducedDim(index: number, layerCount: number, dim: number): number {
  const paper = layerCount === 4 ? PAPER_REDUCED_DIMS[index] : 64;
  return Math.min(paper ?? 64, dim);
}

export const analysisOptionsSchema = z
  .object({
    /** Layer names to analyse (default all, in index order). */
    layers: z.array(z.string().min(1)).min(1).optional(),
    /** SVD dimension per selected layer (default {@link defaultReducedDim}); one value applies to all. */
    reduce: z.array(z.number().int().min(1).max(4096)).min(1).optional(),
    /** Sweeps per chain (METHOD B.7: 400). */
    iterations: z.number().int().min(1).max(100_000).default(400),
    /** First kept sweep (320). */
    burnIn: z.number().int().min(0).default(320),
    /** Keep every thin-th sweep (4 → 20 traces). */
    thin: z.number().int().min(1).default(4),
    /** Seed of every random draw of the analysis; 0 is valid. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
    /** Chains per class (R-hat needs ≥ 2). */
    chains: z.number().int().min(1).max(16).default(1),
    /** Use only the first N examples of each class (deterministic; for quick looks). */
    examplesPerClass: z.number().int().min(2).optional(),
    /** Monte-Carlo samples per trace for relative entropy (paper 1e5). */
    entropySamples: z.number().int().min(0).max(1_000_000).default(2000),
    /** Monte-Carlo samples per class per trace for between-class KL (paper 1e4). */
    klSamples: z.number().int().min(0).max(100_000).default(500),
    /** Sweeps of the per-subset KL fits (default: `iterations`, with burn-in/thin scaled alike). */
    subsetIterations: z.number().int().min(1).max(100_000).optional(),
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
    /** Checkpoint the sampler every N sweeps (resume point). */
    checkpointEverySweeps: z.number().int().min(1).default(10),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.burnIn >= o.iterations) ctx.addIssue({ code: 'custom', path: ['burnIn'], message: `must be < iterations (${o.iterations})` });
  });

/** Options as given (all optional). */
export type AnalysisOptionsInput = z.input<typeof analysisOptionsSchema>;
/** Options with defaults applied. */
export type AnalysisOptions = z.output<typeof analysisOptionsSchema>;
