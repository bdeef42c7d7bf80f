/** Resolvers of `Example` and `ExampleScore`. */
import type { ExampleRow, ScoredExample } from '@classfit/db';
import type { GraphQLContext } from '../context.ts';
import { classOf } from './class-of.ts';
import { globalIdOf } from './shared.ts';

export const Example = {
  id: globalIdOf('Example'),
  model: (row: ExampleRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.model.load(row.modelId),
  class: (row: ExampleRow, _: unknown, ctx: GraphQLContext) => classOf(ctx, row.modelId, row.label),
  robustness: (row: ExampleRow) => row.robustnessRadius,
};

/** An example score as the `Layer.exampleScores` connection yields it. */
export type ExampleScoreParent = ScoredExample & { cursor: string };

export const ExampleScore = {
  example: (row: ExampleScoreParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.example.load(row.exampleId),
  exampleIndex: (row: ExampleScoreParent) => row.index,
  logDensity: (row: ExampleScoreParent) => row.ownLogDensity,
  predictedLabel: (row: ExampleScoreParent) => row.predictedClass,
};
