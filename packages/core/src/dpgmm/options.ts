import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { InvalidArgumentError } from '../errors/index.ts';

/** Paper burn-in (METHOD B.7.6): the first kept sweep of a 400-sweep chain. */
export const PAPER_BURN_IN = 320;

/**
 * The one burn-in rule, used wherever `burnIn` is not given (core, CLI, GraphQL):
 * 80% of the sweeps, at most the paper's 320 — so 400 sweeps keep sweeps 320…399
 * (paper parity) and `iterations: 100` keeps sweeps 80…99 instead of being rejected.
 */
export function defaultBurnIn(iterations: number): number {
  return Math.min(PAPER_BURN_IN, Math.floor(iterations * 0.8));
}

/**
 * Sampler fields, declared once as data (STYLE 9): every range and every
 * paper-parity default (METHOD.md B.2, B.7, C, D, L) lives here and nowhere else.
 * Other schemas (the api's analysis options) pick from this shape and finish with
 * {@link withSamplerRules}, so a default or a range is never written twice.
 */
export const fitOptionsObject = z
  .object({
    /** Sweeps per chain (METHOD B.7.3: 400). */
    iterations: z.number().int().min(1).max(1_000_000).default(400),
    /** First kept sweep (0-based; B.7.6: 320). Absent: {@link defaultBurnIn} of `iterations`. */
    burnIn: z.number().int().min(0).optional(),
    /** Keep every `thin`-th sweep from `burnIn` on (B.7.4: 4 → sweeps 320, 324, …, 396: 20 traces). */
    thin: z.number().int().min(1).default(4),
    /** Points per Gibbs block (B.7: b = 4; 1 gives Neal's Algorithm 3). */
    blockSize: z.number().int().min(1).max(64).default(4),
    /** K0: initial clusters, also scales Ψ0 = diag(σ̂²)/K0^(2/d) (B.2, B.6). */
    initialClusters: z.number().int().min(1).max(100_000).default(6),
    /** κ0 (B.2: 0.01). */
    kappa0: z.number().positive().max(1e6).default(0.01),
    /** ν0 = d + nu0Offset; must exceed −1 so the predictive df ν0 − d + 1 is positive (B.2: 2). */
    nu0Offset: z.number().gt(-1).max(1e6).default(2),
    /** Gamma(shape, rate) prior on α (B.1: 1, 1). */
    alphaPrior: z
      .object({ shape: z.number().positive().default(1), rate: z.number().positive().default(1) })
      .strict()
      .default({ shape: 1, rate: 1 }),
    /** Independent chains per class (for R-hat). */
    chains: z.number().int().min(1).max(64).default(1),
    /** Seed; 0 is a valid seed. Chain (class c, chain j) uses stream c·chains + j. */
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    /** Worker threads (default: os.availableParallelism(); capped at the number of chains to run). */
    workers: z.number().int().min(1).max(256).optional(),
    /** Departures from the textbook, named (METHOD L.1–3): paper parity by default. */
    variants: z
      .object({
        alphaUpdate: z.enum(['paper', 'textbook']).default('paper'),
        mixtureWeights: z.enum(['paper', 'crp']).default('paper'),
        traceAveraging: z.enum(['log', 'density']).default('log'),
        alphaInit: z.enum(['paper', 'textbook']).default('paper'),
        alphaTiming: z.enum(['lagged', 'updated']).default('lagged'),
      })
      .strict()
      .default({ alphaUpdate: 'paper', mixtureWeights: 'paper', traceAveraging: 'log', alphaInit: 'paper', alphaTiming: 'lagged' }),
    /**
     * Which MCMC sampler fits the DP-GMM (same model, same NIW prior): 'collapsed' is the paper's block
     * collapsed Gibbs (METHOD B.7, the default); 'subcluster' is Chang & Fisher's (NIPS 2013) restricted
     * Gibbs with sub-cluster split/merge moves, whose assignment step is independent across points.
     * `blockSize` applies to 'collapsed' only.
     */
    sampler: z.enum(['collapsed', 'subcluster']).default('collapsed'),
  })
  .strict();

/**
 * The cross-field rules of the sampler fields, applied after the defaults: a missing
 * `burnIn` becomes {@link defaultBurnIn}(iterations), and `burnIn < iterations`.
 */
export function withSamplerRules<S extends z.ZodType<{ iterations: number; burnIn?: number | undefined }>>(schema: S) {
  return schema
    .transform((o) => ({ ...o, burnIn: o.burnIn ?? defaultBurnIn(o.iterations) }))
    .superRefine((o, ctx) => {
      if (o.burnIn >= o.iterations) {
        ctx.addIssue({ code: 'custom', path: ['burnIn'], message: `must be < iterations (${o.iterations}), got ${o.burnIn}` });
      }
    });
}

/** Sampler options with their rules: validates and applies every default. */
export const fitOptionsSchema = withSamplerRules(fitOptionsObject);

/** Options as a caller may pass them (every field optional). */
export type FitOptionsInput = z.input<typeof fitOptionsSchema>;

/** Fully resolved options: defaults applied, `workers` fixed. */
export type FitOptions = Omit<z.output<typeof fitOptionsSchema>, 'workers'> & { readonly workers: number };

/**
 * Validates `input` once, at the public edge, and applies the defaults.
 * @param chainCount number of (class, chain) units to run; caps `workers`
 * @throws InvalidArgumentError naming the offending option, e.g. `options.burnIn`
 */
export function parseFitOptions(input: Partial<FitOptionsInput> | undefined, chainCount = Infinity): FitOptions {
  const result = fitOptionsSchema.safeParse(input ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.length > 0 ? `options.${issue.path.join('.')}` : 'options';
    throw new InvalidArgumentError(path, issue.message);
  }
  const parsed = result.data;
  const requested = parsed.workers ?? availableParallelism();
  return { ...parsed, workers: Math.max(1, Math.min(requested, chainCount)) };
}

/** Sweeps whose state is kept as a trace: burnIn, burnIn + thin, … < iterations. */
export function keptSweeps(options: Pick<FitOptions, 'iterations' | 'burnIn' | 'thin'>): number[] {
  const sweeps: number[] = [];
  for (let s = options.burnIn; s < options.iterations; s += options.thin) sweeps.push(s);
  return sweeps;
}
