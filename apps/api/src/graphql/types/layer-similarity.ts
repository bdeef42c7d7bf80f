/** Resolvers of `LayerSimilarity`: the view's run is its `fitRun`. */
import type { LayerSimilarityResolvers } from '../generated/resolvers-types.ts';

export const LayerSimilarity: LayerSimilarityResolvers = {
  fitRun: (view) => view.run,
};
