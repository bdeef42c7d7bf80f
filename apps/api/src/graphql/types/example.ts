/** Resolvers of `Example`: one example as seen by one model, its image and its scores. */
import type { ExampleRow, LayerRow } from '@classfit/db';
import { BadUserInputError, NotFoundError } from '../../services/errors.ts';
import { classOf } from '../../services/views/class-of.ts';
import { fromGlobalId } from '../../services/views/global-id.ts';
import { runForLayer } from '../../services/views/run-selection.ts';
import { thumbnailDataUrl } from '../../services/views/thumbnail.ts';
import type { GraphQLContext } from '../context.ts';
import type { ExampleResolvers } from '../generated/resolvers-types.ts';
import { globalIdOf, referenced } from '../shared.ts';

/** The layer `logDensity` reads: the one named (of the example's model), else the model's deepest. */
async function scoreLayerId(row: ExampleRow, layer: string | null | undefined, ctx: GraphQLContext): Promise<number | undefined> {
  if (layer === null || layer === undefined) return (await ctx.loaders.layersOfModel.load(row.modelId)).reduce<LayerRow | undefined>((a, b) => (a && a.index > b.index ? a : b), undefined)?.id;
  const found = await ctx.loaders.layer.load(fromGlobalId(layer, 'Layer'));
  if (!found) throw new NotFoundError('Layer', layer);
  if (found.modelId !== row.modelId) throw new BadUserInputError('layer', `layer ${layer} belongs to another model`);
  return found.id;
}

export const Example: ExampleResolvers = {
  id: globalIdOf('Example'),
  model: (row, _, ctx) => referenced(ctx.loaders.model, row.modelId, 'Model'),
  class: (row, _, ctx) => classOf(ctx, row.modelId, row.label),
  robustness: (row) => row.robustnessRadius,
  robustnessAbstained: (row) => row.robustnessAbstained,
  smoothedPrediction: (row) => row.robustnessPrediction,
  thumbnail: async (row, { size }, ctx) => {
    const model = await ctx.loaders.model.load(row.modelId);
    if (!model?.imagesArtifact) return null;
    const images = await ctx.loaders.images.load(model.imagesArtifact);
    const side = size ?? Math.max(images.height, images.width);
    ctx.budget.chargePixels(side * side, 'size');
    return thumbnailDataUrl(images, row.index, size);
  },
  logDensity: async (row, args, ctx) => {
    const layerId = await scoreLayerId(row, args.layer, ctx);
    if (layerId === undefined) return null;
    const run = await runForLayer(ctx, { id: layerId, modelId: row.modelId }, args.fitRun);
    if (!run) return null;
    return (await ctx.loaders.exampleScore.load({ runId: run.id, layerId, exampleId: row.id }))?.ownLogDensity ?? null;
  },
};
