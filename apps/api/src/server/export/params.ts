/** Query-string parameters of the export routes: global IDs resolved to rows, run selection as in GraphQL. */
import type { FitRunRow, LayerRow, ModelRow } from '@classfit/db';
import type { ReadContext } from '../../services/views/read-context.ts';
import { BadUserInputError, NotFoundError } from '../../services/errors.ts';
import { fromGlobalId } from '../../services/views/global-id.ts';
import { runFor } from '../../services/views/run-selection.ts';

/** A required parameter. */
export function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (!value) throw new BadUserInputError(name, 'is required');
  return value;
}

/** The layer of `?layer=<ID>` and the run of `?fitRun=<ID>` (default: its model's latest succeeded run). */
export async function layerAndRun(ctx: ReadContext, params: URLSearchParams): Promise<{ layer: LayerRow; run: FitRunRow }> {
  const id = required(params, 'layer');
  const layer = await ctx.loaders.layer.load(fromGlobalId(id, 'Layer'));
  if (!layer) throw new NotFoundError('Layer', id);
  const run = await runFor(ctx, layer.modelId, params.get('fitRun'));
  if (!run) throw new NotFoundError('succeeded fit run of layer', id);
  return { layer, run };
}

/**
 * The layers to export from `?layer=<ID>` (one) or `?model=<ID>` (all of the model's), with the run
 * (`?fitRun=<ID>` or the latest succeeded).
 */
export async function layersAndRun(ctx: ReadContext, params: URLSearchParams): Promise<{ layers: LayerRow[]; run: FitRunRow }> {
  if (params.has('layer')) {
    const { layer, run } = await layerAndRun(ctx, params);
    return { layers: [layer], run };
  }
  const id = params.get('model');
  if (!id) throw new BadUserInputError('model', 'give `model` or `layer`');
  const model: ModelRow | undefined = await ctx.loaders.model.load(fromGlobalId(id, 'Model'));
  if (!model) throw new NotFoundError('Model', id);
  const run = await runFor(ctx, model.id, params.get('fitRun'));
  if (!run) throw new NotFoundError('succeeded fit run of model', id);
  return { layers: await ctx.loaders.layersOfModel.load(model.id), run };
}
