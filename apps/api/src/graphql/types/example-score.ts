/** Resolvers of `ExampleScore`: one example's log-density under its own class in one layer and run. */
import type { ScoredExample } from '@classfit/db';
import type { ExampleScoreResolvers } from '../generated/resolvers-types.ts';
import { referenced } from '../shared.ts';

/** An example score as the `Layer.exampleScores` connection yields it. */
export type ExampleScoreParent = ScoredExample & { cursor: string };

export const ExampleScore: ExampleScoreResolvers = {
  example: (row, _, ctx) => referenced(ctx.loaders.example, row.exampleId, 'Example'),
  exampleIndex: (row) => row.index,
  logDensity: (row) => row.ownLogDensity,
  predictedLabel: (row) => row.predictedClass,
};
