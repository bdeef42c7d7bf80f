/** Resolvers of `Example` and `ExampleScore`. */
import type { ExampleRow, LayerRow, ScoredExample } from '@classfit/db';
import type { GraphQLContext } from '../context.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import { fromGlobalId } from '../global-id.ts';
import { runFor } from '../run-selection.ts';
import { thumbnailDataUrl } from '../thumbnail.ts';
import { classOf } from './class-of.ts';
import { globalIdOf } from './shared.ts';

/** The layer `logDensity` reads: the one named (of the example's model), else the model's deepest. */
async function scoreLayerId(row: ExampleRow, layer: string | null | undefined, ctx: GraphQLContext): Promise<number | undefined> {
  if (layer === null || layer === undefined) return (await ctx.loaders.layersOfModel.load(row.modelId)).reduce<LayerRow | undefined>((a, b) => (a && a.index > b.index ? a : b), undefined)?.id;
  const found = await ctx.loaders.layer.load(fromGlobalId(layer, 'Layer'));
  if (!found) throw new NotFoundError('Layer', layer);
  if (found.modelId !== row.modelId) throw new BadUserInputError('layer', `layer ${layer} belongs to another model`);
  return found.id;
}

export const Example = {
  id: globalIdOf('Example'),
  model: (row: ExampleRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.model.load(row.modelId),
  class: (row: ExampleRow, _: unknown, ctx: GraphQLContext) => classOf(ctx, row.modelId, row.label),
  robustness: (row: ExampleRow) => row.robustnessRadius,
  robustnessAbstained: (row: ExampleRow) => row.robustnessAbstained,
  smoothedPrediction: (row: ExampleRow) => row.robustnessPrediction,
  thumbnail: async (row: ExampleRow, { size }: { size?: number | null }, ctx: GraphQLContext) => {
    const model = await ctx.loaders.model.load(row.modelId);
    if (!model?.imagesArtifact) return null;
    return thumbnailDataUrl(await ctx.loaders.images.load(model.imagesArtifact), row.index, size);
  },
  logDensity: async (row: ExampleRow, args: { layer?: string | null; fitRun?: string | null }, ctx: GraphQLContext) => {
    const [layerId, run] = await Promise.all([scoreLayerId(row, args.layer, ctx), runFor(ctx, row.modelId, args.fitRun)]);
    if (layerId === undefined || !run) return null;
    return (await ctx.loaders.exampleScore.load({ runId: run.id, layerId, exampleId: row.id }))?.ownLogDensity ?? null;
  },
};

/** An example score as the `Layer.exampleScores` connection yields it. */
export type ExampleScoreParent = ScoredExample & { cursor: string };

export const ExampleScore = {
  example: (row: ExampleScoreParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.example.load(row.exampleId),
  exampleIndex: (row: ExampleScoreParent) => row.index,
  logDensity: (row: ExampleScoreParent) => row.ownLogDensity,
  predictedLabel: (row: ExampleScoreParent) => row.predictedClass,
};
