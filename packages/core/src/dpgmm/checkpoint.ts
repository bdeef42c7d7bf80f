import { endianness } from 'node:os';
import { InvalidArgumentError } from '../errors/index.ts';
import type { RngState } from '../rng/index.ts';
import type { ChainDiagnostics } from './lockstep.ts';
import { type FitOptions, parseFitOptions } from './options.ts';
import type { ChainCheckpoint, ClassTrace } from './types.ts';

/**
 * Resumable state of a whole fit, JSON-serialisable (`JSON.stringify` round-trips it).
 * `chains[u]` is (class c, chain j) with u = c·chains + j. Chains may stand at
 * different sweeps (an abort stops each worker after its current sweep).
 * Float64 arrays are `{ dtype: 'float64', shape, data }` with `data` base64 of
 * the little-endian bytes; integer arrays are plain number[].
 */
export interface FitCheckpoint {
  readonly format: 'classfit.fit-checkpoint/v1';
  /** Resolved options of the run; a resume must pass the same (workers may differ). */
  readonly options: FitOptions;
  readonly dim: number;
  readonly classes: readonly { readonly label: number; readonly name: string; readonly n: number }[];
  readonly chains: readonly FitChainCheckpoint[];
}

/** One chain inside a FitCheckpoint. */
export interface FitChainCheckpoint {
  readonly classIndex: number;
  readonly chain: number;
  /** Completed sweeps. */
  readonly sweep: number;
  readonly alpha: number;
  /** Cluster label 0..K−1 per point [n]. */
  readonly assignments: number[];
  /** Block order of the next sweep [n]. */
  readonly permutation: number[];
  readonly rng: RngState;
  /** Exact m_k [K, d] and chol Ψ_k [K, d, d] in label order. */
  readonly means: EncodedFloat64;
  readonly cholPsi: EncodedFloat64;
  /** Sub-cluster sampler only: side (0/1) per point [n] and each cluster's age in sweeps [K]. */
  readonly subAssignments?: number[];
  readonly ages?: number[];
  /** Traces kept so far (cluster parameters are rebuilt from the assignments, B.3). */
  readonly traces: readonly { readonly sweep: number; readonly alpha: number; readonly clusterCount: number; readonly assignments: number[] }[];
  /** Per-sweep diagnostics so far, index = sweep. */
  readonly diagnostics: ChainDiagnostics;
}

/** A float64 array in JSON: base64 of its little-endian bytes. */
export interface EncodedFloat64 {
  readonly dtype: 'float64';
  readonly shape: number[];
  readonly data: string;
}

if (endianness() !== 'LE') throw new Error('classfit checkpoints assume a little-endian host');

export function encodeFloat64(values: Float64Array, shape: number[]): EncodedFloat64 {
  return { dtype: 'float64', shape, data: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64') };
}

export function decodeFloat64(encoded: EncodedFloat64): Float64Array {
  const bytes = Buffer.from(encoded.data, 'base64');
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** JSON form of one chain's state, traces and diagnostics. */
export function encodeChain(
  classIndex: number,
  chain: number,
  d: number,
  state: ChainCheckpoint,
  traces: readonly ClassTrace[],
  diagnostics: ChainDiagnostics,
): FitChainCheckpoint {
  const k = state.means ? state.means.length / d : 0;
  return {
    classIndex,
    chain,
    sweep: state.sweep,
    alpha: state.alpha,
    assignments: Array.from(state.assignments),
    permutation: Array.from(state.permutation),
    rng: { words: [...state.rng.words], spareNormal: state.rng.spareNormal },
    means: encodeFloat64(state.means ?? new Float64Array(0), [k, d]),
    cholPsi: encodeFloat64(state.cholPsi ?? new Float64Array(0), [k, d, d]),
    ...(state.subAssignments && state.ages ? { subAssignments: Array.from(state.subAssignments), ages: Array.from(state.ages) } : {}),
    traces: traces.map((t) => ({ sweep: t.sweep, alpha: t.alpha, clusterCount: t.clusterCount, assignments: Array.from(t.assignments) })),
    diagnostics: {
      clusterCounts: [...diagnostics.clusterCounts],
      logLikelihoods: [...diagnostics.logLikelihoods],
      alphas: [...diagnostics.alphas],
    },
  };
}

/** The ChainCheckpoint inside a FitChainCheckpoint. */
export function decodeChain(encoded: FitChainCheckpoint): ChainCheckpoint {
  return {
    sweep: encoded.sweep,
    alpha: encoded.alpha,
    assignments: Int32Array.from(encoded.assignments),
    permutation: Int32Array.from(encoded.permutation),
    rng: { words: [...encoded.rng.words] as RngState['words'], spareNormal: encoded.rng.spareNormal },
    means: decodeFloat64(encoded.means),
    cholPsi: decodeFloat64(encoded.cholPsi),
    ...(encoded.subAssignments && encoded.ages
      ? { subAssignments: Int32Array.from(encoded.subAssignments), ages: Int32Array.from(encoded.ages) }
      : {}),
  };
}

/**
 * Checks that `checkpoint` belongs to this fit: same format, options (bar `workers`),
 * dimension and classes (label and n, in order).
 * @throws InvalidArgumentError('hooks.resumeFrom', …)
 */
export function checkResumable(
  checkpoint: FitCheckpoint,
  options: FitOptions,
  dim: number,
  classes: readonly { label: number; n: number }[],
): void {
  const fail = (why: string): never => {
    throw new InvalidArgumentError('hooks.resumeFrom', why);
  };
  if (checkpoint?.format !== 'classfit.fit-checkpoint/v1') fail(`unknown format ${String(checkpoint?.format)}`);
  // Re-parsed so that a checkpoint written before an option existed compares with that option's default.
  const strip = (o: FitOptions): string => {
    const { workers: _w, ...rest } = parseFitOptions(o);
    return JSON.stringify(rest);
  };
  if (strip(checkpoint.options) !== strip(options)) fail('was made with different options (only `workers` may change)');
  if (checkpoint.dim !== dim) fail(`has d = ${checkpoint.dim}, the data has d = ${dim}`);
  if (checkpoint.classes.length !== classes.length) fail(`has ${checkpoint.classes.length} classes, the data has ${classes.length}`);
  checkpoint.classes.forEach((c, i) => {
    if (c.label !== classes[i].label || c.n !== classes[i].n) fail(`class ${i} differs (label/n)`);
  });
  if (checkpoint.chains.length !== classes.length * options.chains) fail('has the wrong number of chains');
}
