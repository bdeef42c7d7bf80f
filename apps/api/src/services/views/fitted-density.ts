/**
 * Fitted-density queries on new points (DESIGN.md §5): log-densities under every class of a layer, generative
 * classification, and samples from one class — all computed by core from the stored predictive mixture.
 */
import { argmaxLabels, describeSpace, pointWidth, sampleClass as drawFromClass, scoreSamples, type PointSpace, type PredictiveModel } from '@classfit/core/density';
import { createRng } from '@classfit/core/rng';
import type { ClassFitRow, FitRunRow, LayerRow } from '@classfit/db';
import type { ReadContext } from './read-context.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import { fromGlobalId } from './global-id.ts';
import { rowsIfSmall, toNumericArray, type NumericArrayValue } from './numeric/numeric-array.ts';
import { POINT_LIMITS, readPoints, type PointsInputValue } from './numeric/points-input.ts';
import { runForLayer } from './run-selection.ts';

/**
 * Points scored per slice: between slices the work yields to the event loop, so other requests (and the
 * socket clients of the embedded store) are answered while a 10,000-point request runs.
 */
export const SCORING_SLICE_ROWS = 256;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `scoreSamples` in slices of {@link SCORING_SLICE_ROWS} rows, yielding between them. @returns [n, C] */
async function scoreInSlices(model: PredictiveModel, values: Float32Array | Float64Array, n: number, space: PointSpace): Promise<Float64Array> {
  const width = pointWidth(model, space);
  const classes = model.classes.length;
  const out = new Float64Array(n * classes);
  for (let start = 0; start < n; start += SCORING_SLICE_ROWS) {
    if (start > 0) await yieldToEventLoop();
    const rows = Math.min(SCORING_SLICE_ROWS, n - start);
    const slice = values.subarray(start * width, (start + rows) * width);
    out.set(await scoreSamples(model, slice, rows, space), start * classes);
  }
  return out;
}

/** A layer's predictive model in one run. */
interface LayerDensity {
  readonly layer: LayerRow;
  readonly run: FitRunRow;
  readonly model: PredictiveModel;
}

async function loadLayerDensity(ctx: ReadContext, layerId: string, fitRun: string | null | undefined): Promise<LayerDensity> {
  const layer = await ctx.loaders.layer.load(fromGlobalId(layerId, 'Layer'));
  if (!layer) throw new NotFoundError('Layer', layerId);
  const run = await runForLayer(ctx, layer, fitRun);
  const layerFit = run && (await ctx.loaders.layerFitsOfRun.load(run.id)).find((f) => f.layerId === layer.id);
  if (!run || !layerFit) throw new NotFoundError('fitted density of layer', layerId);
  return { layer, run, model: await ctx.predictive.load(ctx.app.artifacts, layerFit.predictiveArtifact) };
}

/** The GraphQL `PointSpace` enum's values. */
export type PointSpaceValue = 'RAW' | 'REDUCED';

const CORE_SPACE: Record<PointSpaceValue, PointSpace> = { RAW: 'raw', REDUCED: 'reduced' };

/** Reads `points` stated to be in `space`: their width must be the one that space has for this layer. */
function readPointsIn(model: PredictiveModel, points: PointsInputValue, space: PointSpaceValue) {
  const core = CORE_SPACE[space];
  if (!core) throw new BadUserInputError('space', `must be RAW or REDUCED, got ${String(space)}`);
  return { core, x: readPoints(points, pointWidth(model, core), describeSpace(model, core)) };
}

/** The GraphQL `LogDensityResult`. */
export interface LogDensityValue {
  readonly layer: LayerRow;
  readonly fitRun: FitRunRow;
  readonly space: PointSpaceValue;
  readonly labels: number[];
  readonly logDensities: NumericArrayValue;
  readonly rows: number[][] | null;
}

/** log p(x | class) of each point (given in `space`) under every class of the layer: `[n, C]`. */
export async function logDensity(
  ctx: ReadContext,
  layerId: string,
  points: PointsInputValue,
  space: PointSpaceValue,
  fitRun?: string | null,
): Promise<LogDensityValue> {
  const { layer, run, model } = await loadLayerDensity(ctx, layerId, fitRun);
  const { core, x } = readPointsIn(model, points, space);
  ctx.budget.chargePoints(x.n, 'points');
  const scores = await ctx.scoring.run(() => scoreInSlices(model, x.values, x.n, core));
  const classes = model.classes.length;
  return {
    layer,
    fitRun: run,
    space,
    labels: model.classes.map((c) => c.label),
    logDensities: toNumericArray(scores, [x.n, classes]),
    rows: rowsIfSmall(scores, x.n, classes),
  };
}

/** The GraphQL `ClassificationResult`. */
export interface ClassificationValue {
  readonly layer: LayerRow;
  readonly fitRun: FitRunRow;
  readonly space: PointSpaceValue;
  readonly labels: number[];
  readonly logDensities: number[];
}

/** The most likely class of each point (given in `space`; argmax of class log-density, no prior) and that log-density. */
export async function classifyPoints(
  ctx: ReadContext,
  layerId: string,
  points: PointsInputValue,
  space: PointSpaceValue,
  fitRun?: string | null,
): Promise<ClassificationValue> {
  const { layer, run, model } = await loadLayerDensity(ctx, layerId, fitRun);
  const { core, x } = readPointsIn(model, points, space);
  ctx.budget.chargePoints(x.n, 'points');
  const scores = await ctx.scoring.run(() => scoreInSlices(model, x.values, x.n, core));
  const labels = argmaxLabels(model, scores, x.n);
  const column = new Map(model.classes.map((c, i) => [c.label, i]));
  const classes = model.classes.length;
  return {
    layer,
    fitRun: run,
    space,
    labels: [...labels],
    logDensities: [...labels].map((label, i) => scores[i * classes + column.get(label)!]),
  };
}

/** The GraphQL `ClassSample`. */
export interface ClassSampleValue {
  readonly classFit: ClassFitRow;
  readonly space: 'REDUCED';
  readonly seed: number;
  readonly samples: NumericArrayValue;
  readonly rows: number[][] | null;
}

/** `n` points from one class's fitted density, reproducible from `seed` (0 is a valid seed). */
export async function sampleFromClass(ctx: ReadContext, classFitId: string, n: number, seed: number): Promise<ClassSampleValue> {
  if (!Number.isInteger(n) || n < 1 || n > POINT_LIMITS.maxSamples) {
    throw new BadUserInputError('n', `must be between 1 and ${POINT_LIMITS.maxSamples}, got ${n}`);
  }
  if (!Number.isInteger(seed) || seed < 0) throw new BadUserInputError('seed', `must be a non-negative integer, got ${seed}`);
  ctx.budget.chargePoints(n, 'n');
  const classFit = await ctx.loaders.classFit.load(fromGlobalId(classFitId, 'ClassFit'));
  if (!classFit) throw new NotFoundError('ClassFit', classFitId);
  const layerFit = (await ctx.loaders.layerFitsOfRun.load(classFit.runId)).find((f) => f.layerId === classFit.layerId);
  const artifact = classFit.predictiveArtifact ?? layerFit?.predictiveArtifact;
  if (!artifact) throw new NotFoundError('fitted density of class fit', classFitId);
  const model = await ctx.predictive.load(ctx.app.artifacts, artifact);
  const mixture = model.classes.find((c) => c.label === classFit.label);
  if (!mixture) throw new NotFoundError('fitted density of class fit', classFitId);
  const samples = await ctx.scoring.run(async () => drawFromClass(mixture, n, createRng(seed)));
  return { classFit, space: 'REDUCED', seed, samples: toNumericArray(samples, [n, model.dim]), rows: rowsIfSmall(samples, n, model.dim) };
}
