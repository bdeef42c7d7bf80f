/** Resolvers of `Certification`: how a model's examples were certified (the stored settings row). */
import type { CertificationResolvers } from '../generated/resolvers-types.ts';
import { referenced } from '../shared.ts';

export const Certification: CertificationResolvers = {
  layer: (row, _, ctx) => (row.layerId === null ? null : referenced(ctx.loaders.layer, row.layerId, 'Layer')),
};
