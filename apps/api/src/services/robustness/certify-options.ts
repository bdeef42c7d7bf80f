/**
 * Options of a model certification (METHOD.md H.4), declared once as data with their defaults (STYLE 9).
 * The paper: σ = 0.5, n0 = 100, n = 10⁵, α = 10⁻³ on every example of each held-out bin; the default
 * n = 1,000 here bounds p̲_A at α^(1/n) ≈ 0.993 (radius ≤ 1.23 at σ = 0.5) for a fraction of the cost.
 */
import { z } from 'zod';

export const certifyModelOptionsSchema = z
  .object({
    /** Model id or name. */
    model: z.union([z.string().min(1), z.number().int().min(1)]),
    /** Directory of the base network (model.json + weights.bin, e.g. from `classfit train --noise 0.5`). */
    networkDir: z.string().min(1),
    /** Examples drawn (seeded, without replacement) from every density bin; a smaller bin gives all it has. */
    perBin: z.number().int().min(1).max(100_000).default(10),
    /** Layer whose density bins are sampled (default the deepest layer of the latest succeeded analysis). */
    layer: z.string().min(1).optional(),
    /** Noise s.d. σ in normalised-input units. */
    sigma: z.number().positive().max(100).default(0.5),
    /** Noisy samples that pick the top class. */
    n0: z.number().int().min(1).max(10_000_000).default(100),
    /** Noisy samples that bound its probability. */
    n: z.number().int().min(1).max(10_000_000).default(1000),
    /** Failure probability α of each certificate. */
    alpha: z.number().gt(0).lt(1).default(0.001),
    /** Seed of the subsample and of the noise (example with index i uses noise stream i); 0 is valid. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
    /** Noisy copies per forward pass. */
    batchSize: z.number().int().min(1).max(100_000).default(500),
    /** Certify again examples that already hold a result under the same settings (default: skip them). */
    recompute: z.boolean().default(false),
  })
  .strict();

/** Options as given. */
export type CertifyModelOptionsInput = z.input<typeof certifyModelOptionsSchema>;
/** Options with defaults applied. */
export type CertifyModelOptions = z.output<typeof certifyModelOptionsSchema>;
