/** Resolvers of `Architecture`: a network family and depth, and how many models use it. */
import type { ArchitectureResolvers } from '../generated/resolvers-types.ts';
import { globalIdOf } from '../shared.ts';

export const Architecture: ArchitectureResolvers = {
  id: globalIdOf('Architecture'),
  modelCount: (row, _, ctx) => ctx.loaders.modelCountOfArchitecture.load(row.id),
};
