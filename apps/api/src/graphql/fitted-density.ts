/**
 * Fitted-density queries on new points (DESIGN.md §5): log-densities under every class of a layer, generative
 * classification, and samples from one class — all computed by core from the stored predictive mixture.
 */
import { argmaxLabels, sampleClass as drawFromClass, scoreSamples, type PredictiveModel } from '@classfit/core/density';
import { createRng } from '@classfit/core/rng';
import type { ClassFitRow, FitRunRow, LayerRow } from '@classfit/db';
import type { GraphQLContext } from './context.ts';
import { BadUserInputError, NotFoundError } from './errors.ts';
import { fromGlobalId } from './global-id.ts';
import { rowsIfSmall, toNumericArray, type NumericArrayValue } from './numeric/numeric-array.ts';
import { POINT_LIMITS, readPoints, type PointsInputValue } from './numeric/points-input.ts';
import { runFor } from './run-selection.ts';

/** A layer's predictive model in one run. */
interface LayerDensity {
  readonly layer: LayerRow;
  readonly run: FitRunRow;
  readonly model: PredictiveModel;
}

async function loadLayerDensity(ctx: GraphQLContext, layerId: string, fitRun: string | null | undefined): Promise<LayerDensity> {
  const layer = await ctx.loaders.layer.load(fromGlobalId(layerId, 'Layer'));
  if (!layer) throw new NotFoundError('Layer', layerId);
  const run = await runFor(ctx, layer.modelId, fitRun);
  const layerFit = run && (await ctx.loaders.layerFitsOfRun.load(run.id)).find((f) => f.layerId === layer.id);
  if (!run || !layerFit) throw new NotFoundError('fitted density of layer', layerId);
  return { layer, run, model: await ctx.predictive.load(ctx.app.artifacts, layerFit.predictiveArtifact) };
}

/** Widths a point may have: the density's dimension, or the raw dimension when a projection is stored. */
function acceptedDims(model: PredictiveModel): number[] {
  return model.projection ? [model.dim, model.projection.inputDim] : [model.dim];
}

/** The GraphQL `LogDensityResult`. */
export interface LogDensityValue {
  readonly layer: LayerRow;
  readonly fitRun: FitRunRow;
  readonly labels: number[];
  readonly logDensities: NumericArrayValue;
  readonly rows: number[][] | null;
}

/** log p(x | class) of each point under every class of the layer: `[n, C]`. */
export async function logDensity(ctx: GraphQLContext, layerId: string, points: PointsInputValue, fitRun?: string | null): Promise<LogDensityValue> {
  const { layer, run, model } = await loadLayerDensity(ctx, layerId, fitRun);
  const x = readPoints(points, acceptedDims(model));
  const scores = await scoreSamples(model, x.values, x.n);
  const classes = model.classes.length;
  return {
    layer,
    fitRun: run,
    labels: model.classes.map((c) => c.label),
    logDensities: toNumericArray(scores, [x.n, classes]),
    rows: rowsIfSmall(scores, x.n, classes),
  };
}

/** The GraphQL `ClassificationResult`. */
export interface ClassificationValue {
  readonly layer: LayerRow;
  readonly fitRun: FitRunRow;
  readonly labels: number[];
  readonly logDensities: number[];
}

/** The most likely class of each point (argmax of class log-density, no prior) and that log-density. */
export async function classifyPoints(ctx: GraphQLContext, layerId: string, points: PointsInputValue, fitRun?: string | null): Promise<ClassificationValue> {
  const { layer, run, model } = await loadLayerDensity(ctx, layerId, fitRun);
  const x = readPoints(points, acceptedDims(model));
  const scores = await scoreSamples(model, x.values, x.n);
  const labels = argmaxLabels(model, scores, x.n);
  const column = new Map(model.classes.map((c, i) => [c.label, i]));
  const classes = model.classes.length;
  return {
    layer,
    fitRun: run,
    labels: [...labels],
    logDensities: [...labels].map((label, i) => scores[i * classes + column.get(label)!]),
  };
}

/** The GraphQL `ClassSample`. */
export interface ClassSampleValue {
  readonly classFit: ClassFitRow;
  readonly seed: number;
  readonly samples: NumericArrayValue;
  readonly rows: number[][] | null;
}

/** `n` points from one class's fitted density, reproducible from `seed` (0 is a valid seed). */
export async function sampleFromClass(ctx: GraphQLContext, classFitId: string, n: number, seed: number): Promise<ClassSampleValue> {
  if (!Number.isInteger(n) || n < 1 || n > POINT_LIMITS.maxSamples) {
    throw new BadUserInputError('n', `must be between 1 and ${POINT_LIMITS.maxSamples}, got ${n}`);
  }
  if (!Number.isInteger(seed) || seed < 0) throw new BadUserInputError('seed', `must be a non-negative integer, got ${seed}`);
  const classFit = await ctx.loaders.classFit.load(fromGlobalId(classFitId, 'ClassFit'));
  if (!classFit) throw new NotFoundError('ClassFit', classFitId);
  const layerFit = (await ctx.loaders.layerFitsOfRun.load(classFit.runId)).find((f) => f.layerId === classFit.layerId);
  const artifact = classFit.predictiveArtifact ?? layerFit?.predictiveArtifact;
  if (!artifact) throw new NotFoundError('fitted density of class fit', classFitId);
  const model = await ctx.predictive.load(ctx.app.artifacts, artifact);
  const mixture = model.classes.find((c) => c.label === classFit.label);
  if (!mixture) throw new NotFoundError('fitted density of class fit', classFitId);
  const samples = drawFromClass(mixture, n, createRng(seed));
  return { classFit, seed, samples: toNumericArray(samples, [n, model.dim]), rows: rowsIfSmall(samples, n, model.dim) };
}
