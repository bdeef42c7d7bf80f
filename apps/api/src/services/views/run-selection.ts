/**
 * Which fit run an analysis field reads: the `fitRun` argument when given (it must belong to the field's model);
 * else, for a layer's figures, the newest succeeded run that fitted that layer — so a later re-analysis of only some
 * layers does not hide the others' results — and for model-wide fields the model's newest succeeded run.
 */
import type { FitRunRow, LayerRow } from '@classfit/db';
import type { ReadContext } from './read-context.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import { fromGlobalId } from './global-id.ts';

/** The run for `modelId`, or undefined when the model was never analysed successfully and no run was named. */
export async function runFor(ctx: ReadContext, modelId: number, fitRun?: string | null, argument = 'fitRun'): Promise<FitRunRow | undefined> {
  if (fitRun === null || fitRun === undefined) return ctx.loaders.latestSucceededRunOfModel.load(modelId);
  const run = await ctx.loaders.fitRun.load(fromGlobalId(fitRun, 'FitRun'));
  if (!run) throw new NotFoundError('FitRun', fitRun);
  if (run.modelId !== modelId) throw new BadUserInputError(argument, `fit run ${fitRun} belongs to another model`);
  return run;
}

/** The run a layer's figures come from: the named one, else the newest succeeded run that fitted the layer. */
export async function runForLayer(ctx: ReadContext, layer: Pick<LayerRow, 'id' | 'modelId'>, fitRun?: string | null, argument = 'fitRun'): Promise<FitRunRow | undefined> {
  if (fitRun === null || fitRun === undefined) return ctx.loaders.latestSucceededRunOfLayer.load(layer.id);
  return runFor(ctx, layer.modelId, fitRun, argument);
}

/** For each of the model's layers that has results, the run they come from ({@link runForLayer}). */
export async function runsOfLayers(ctx: ReadContext, modelId: number, fitRun?: string | null): Promise<Map<number, FitRunRow>> {
  const layers = await ctx.loaders.layersOfModel.load(modelId);
  if (fitRun !== null && fitRun !== undefined) {
    const run = await runFor(ctx, modelId, fitRun);
    if (!run) return new Map();
    const fitted = new Set((await ctx.loaders.layerFitsOfRun.load(run.id)).map((f) => f.layerId));
    return new Map(layers.filter((l) => fitted.has(l.id)).map((l) => [l.id, run]));
  }
  const runs = await Promise.all(layers.map((layer) => runForLayer(ctx, layer)));
  return new Map(layers.flatMap((layer, i) => (runs[i] ? [[layer.id, runs[i]!] as const] : [])));
}
