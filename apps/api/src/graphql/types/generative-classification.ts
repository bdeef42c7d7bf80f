/** Resolvers of `GenerativeClassification`: one layer's F1 of generative classification on one subset. */
import type { GenerativeClassificationResolvers } from '../generated/resolvers-types.ts';
import { layerOf, runOf } from '../shared.ts';

export const GenerativeClassification: GenerativeClassificationResolvers = {
  layer: layerOf,
  fitRun: runOf,
  exampleCount: (row) => row.exampleCount,
};
