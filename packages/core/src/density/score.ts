import { InvalidArgumentError } from '../errors/index.ts';
import { prepareModel, type PreparedModel } from './prepared-model.ts';
import type { PredictiveModel } from './predictive-model.ts';
import { toModelSpace, type PointSpace } from './project.ts';
import { reduceGroups, splitGroups } from './reduce-groups.ts';
import { exactGroupLogDensities } from './score-exact.ts';
import { tensorGroupLogDensities, type TensorKernelOptions } from './score-tensor.ts';

/**
 * Which kernel computes the log-densities:
 * - `tensor` (default): TensorFlow.js on the chosen backend, float32 arithmetic,
 *   about 1e-6 relative error on typical values; the fast path for analyses;
 * - `exact`: Float64 typed arrays, agrees with scipy to ~1e-12; what
 *   `classfit score` uses (its contract is ≤ 1e-4 relative error everywhere,
 *   which float32 cannot promise for log-densities near 0).
 */
export type ScoreKernel = 'tensor' | 'exact';

/** Options shared by the scoring functions. */
export interface ScoreOptions extends TensorKernelOptions {
  /** Default 'tensor'. */
  readonly kernel?: ScoreKernel;
}

/**
 * log p(x | class c) of every point under every class (classes in model
 * order), combining traces as `model.traceAveraging` says (DESIGN.md §7).
 * @param points [n, pointWidth(model, space)] row-major
 * @param space the space `points` are given in (`raw` points are projected first)
 * @returns [n, C] Float64Array
 */
export async function scoreSamples(
  model: PredictiveModel,
  points: Float32Array | Float64Array,
  n: number,
  space: PointSpace,
  options: ScoreOptions = {},
): Promise<Float64Array> {
  const { prepared, x, all } = prepareAllClasses(model, points, n, space);
  const groups = await groupLogDensities(prepared, x, n, all, options);
  return reduceGroups(prepared, groups, n, all, model.traceAveraging);
}

/** `scoreSamples` with the exact Float64 kernel, synchronously. @returns [n, C] */
export function scoreSamplesExact(model: PredictiveModel, points: Float32Array | Float64Array, n: number, space: PointSpace): Float64Array {
  const { prepared, x, all } = prepareAllClasses(model, points, n, space);
  return reduceGroups(prepared, exactGroupLogDensities(prepared, x, n, all), n, all, model.traceAveraging);
}

/**
 * Per-trace log-densities log p(x | D_c, c_t), each trace's weights
 * renormalised to 1 (METHOD.md D, G). Without trace indices T = 1.
 * @returns [T, n, C] Float64Array
 */
export async function scoreSamplesPerTrace(
  model: PredictiveModel,
  points: Float32Array | Float64Array,
  n: number,
  space: PointSpace,
  options: ScoreOptions = {},
): Promise<Float64Array> {
  const { prepared, x, all } = prepareAllClasses(model, points, n, space);
  const groups = await groupLogDensities(prepared, x, n, all, options);
  return splitGroups(groups, n, all.length, prepared.groups);
}

/**
 * Each point's log-density under its own class only (METHOD.md D): O(n) class
 * evaluations instead of O(n·C).
 * @param labels [n] class labels (`ClassMixture.label`, not indices)
 * @returns [n] Float64Array
 */
export async function scoreOwnClass(
  model: PredictiveModel,
  points: Float32Array | Float64Array,
  n: number,
  space: PointSpace,
  labels: ArrayLike<number>,
  options: ScoreOptions = {},
): Promise<Float64Array> {
  const prepared = prepareModel(model);
  const x = toModelSpace(model, points, n, space);
  if (labels.length !== n) throw new InvalidArgumentError('labels', `must have n = ${n} entries, got ${labels.length}`);
  const indexOf = new Map(model.classes.map((c, i) => [c.label, i]));
  const members: number[][] = model.classes.map(() => []);
  for (let i = 0; i < n; i++) {
    const c = indexOf.get(Number(labels[i]));
    if (c === undefined) throw new InvalidArgumentError('labels', `entry ${i} is ${labels[i]}, not a label of the model`);
    members[c].push(i);
  }
  const d = model.dim;
  const out = new Float64Array(n);
  for (let c = 0; c < members.length; c++) {
    const rows = members[c];
    if (rows.length === 0) continue;
    const subset = new Float64Array(rows.length * d);
    rows.forEach((row, r) => subset.set(x.subarray(row * d, row * d + d), r * d));
    const groups = await groupLogDensities(prepared, subset, rows.length, [c], options);
    const own = reduceGroups(prepared, groups, rows.length, [c], model.traceAveraging);
    rows.forEach((row, r) => (out[row] = own[r]));
  }
  return out;
}

function groupLogDensities(
  prepared: PreparedModel,
  x: Float64Array,
  n: number,
  classIndices: readonly number[],
  options: ScoreOptions,
): Promise<Float64Array> {
  const kernel = options.kernel ?? 'tensor';
  if (kernel === 'exact') return Promise.resolve(exactGroupLogDensities(prepared, x, n, classIndices));
  if (kernel !== 'tensor') throw new InvalidArgumentError('kernel', `must be 'tensor' or 'exact', got '${String(kernel)}'`);
  return tensorGroupLogDensities(prepared, x, n, classIndices, options);
}

/** The prepared model, the points in its space and every class index, as the all-class scorers need. */
function prepareAllClasses(
  model: PredictiveModel,
  points: Float32Array | Float64Array,
  n: number,
  space: PointSpace,
): { prepared: PreparedModel; x: Float64Array; all: number[] } {
  const prepared = prepareModel(model);
  return { prepared, x: toModelSpace(model, points, n, space), all: prepared.classes.map((_, i) => i) };
}
