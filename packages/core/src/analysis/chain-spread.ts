/**
 * How far apart independent sampler chains land (docs/method.md C, D). `fitClassDensities` keeps its traces
 * chain-major — chain j owns kept traces [j·S, (j+1)·S), S = T / chains — and the pooled predictive density
 * averages over all T of them, so with `log` averaging every pooled per-example log-density is exactly the
 * mean of the chains' own estimates, and so is every class mean. The spread of the chains' estimates is the
 * run-to-run (seed-to-seed) variability a single-chain analysis would hide; the within-chain Monte-Carlo and
 * trace s.d.s do not measure it.
 */
import type { PointSpace, PredictiveModel, ScoreOptions } from '../density/index.ts';
import { scoreOwnClass, tracesModel } from '../density/index.ts';
import { InvalidArgumentError } from '../errors/index.ts';
import { classLogDensityStats, type ClassLogDensityStats } from './class-log-density-stats.ts';
import type { LargestGapSplit } from './largest-gap-split.ts';

function checkChains(traceCount: number, chains: number): number {
  if (!Number.isInteger(chains) || chains < 1) throw new InvalidArgumentError('chains', `must be a positive integer, got ${chains}`);
  if (traceCount % chains !== 0) throw new InvalidArgumentError('chains', `${chains} chains cannot share ${traceCount} kept traces equally`);
  return traceCount / chains;
}

/**
 * Kept-trace indices of one chain: [chain·S, (chain+1)·S), S = traceCount / chains.
 * @throws InvalidArgumentError when `chains` does not divide `traceCount` or `chain` is out of range
 */
export function chainTraceIndices(traceCount: number, chains: number, chain: number): number[] {
  const per = checkChains(traceCount, chains);
  if (!Number.isInteger(chain) || chain < 0 || chain >= chains) throw new InvalidArgumentError('chain', `must be an integer in [0, ${chains}), got ${chain}`);
  return Array.from({ length: per }, (_, i) => chain * per + i);
}

/** The predictive model of one chain's kept traces (see {@link chainTraceIndices}). */
export function chainModel(model: PredictiveModel, chains: number, chain: number): PredictiveModel {
  return chains === 1 ? model : tracesModel(model, chainTraceIndices(model.traceCount, chains, chain));
}

/**
 * Per-chain means of per-trace values (e.g. a Monte-Carlo estimate's `perTrace`).
 * @param perTrace [T] chain-major
 * @returns [chains]
 */
export function chainMeans(perTrace: ArrayLike<number>, chains: number): Float64Array {
  const per = checkChains(perTrace.length, chains);
  const out = new Float64Array(chains);
  for (let j = 0; j < chains; j++) {
    let sum = 0;
    for (let i = 0; i < per; i++) sum += perTrace[j * per + i];
    out[j] = sum / per;
  }
  return out;
}

/**
 * Between-chain s.d. of one quantity: the sample s.d. (divisor m − 1) of the m chains' estimates — how far a
 * single chain's value typically lies from another's (for two chains |a − b|/√2). Null with fewer than two.
 */
export function betweenChainSd(values: ArrayLike<number>): number | null {
  const m = values.length;
  if (m < 2) return null;
  let mean = 0;
  for (let j = 0; j < m; j++) mean += values[j] / m;
  let squares = 0;
  for (let j = 0; j < m; j++) squares += (values[j] - mean) ** 2;
  return Math.sqrt(squares / (m - 1));
}

/**
 * Per-chain class statistics of own-class log-densities: each chain's model scores the class's own points.
 * @param points [n, d] in `space`; labels [n]
 * @param options scoring kernel (default 'tensor', as the pooled scores of an analysis)
 * @returns [chains] of per-class stats (ascending by label, as {@link classLogDensityStats})
 */
export async function chainClassStats(
  model: PredictiveModel,
  chains: number,
  points: Float32Array | Float64Array,
  n: number,
  space: PointSpace,
  labels: ArrayLike<number>,
  options: ScoreOptions = {},
): Promise<ClassLogDensityStats[][]> {
  const out: ClassLogDensityStats[][] = [];
  for (let j = 0; j < chains; j++) {
    const own = await scoreOwnClass(chainModel(model, chains, j), points, n, space, labels, options);
    out.push(classLogDensityStats(own, labels));
  }
  return out;
}

/** Whether the chains reproduce a layer's pooled largest-gap split. */
export interface ChainGroupAgreement {
  /** Per class label: in how many chains' own splits the class falls in the same group as in the pooled split. */
  readonly perClass: ReadonlyMap<number, number>;
  /** Chains whose split puts every class in the pooled group. */
  readonly identicalSplits: number;
}

/**
 * Compares the pooled split with each chain's own split (the largest-gap rule on that chain's class means).
 * @param pooled the split of the pooled class means
 * @param perChain [chains] each chain's split, over the same classes
 */
export function chainGroupAgreement(pooled: LargestGapSplit, perChain: readonly LargestGapSplit[]): ChainGroupAgreement {
  const low = new Set(pooled.lowClasses);
  const labels = [...pooled.lowClasses, ...pooled.highClasses];
  const perClass = new Map(labels.map((l) => [l, 0]));
  let identicalSplits = 0;
  for (const split of perChain) {
    const chainLow = new Set(split.lowClasses);
    if (chainLow.size + split.highClasses.length !== labels.length || labels.some((l) => !chainLow.has(l) && !split.highClasses.includes(l))) {
      throw new InvalidArgumentError('perChain', 'every chain split must cover the pooled split\'s classes');
    }
    let all = true;
    for (const l of labels) {
      if (chainLow.has(l) === low.has(l)) perClass.set(l, perClass.get(l)! + 1);
      else all = false;
    }
    if (all) identicalSplits++;
  }
  return { perClass, identicalSplits };
}
