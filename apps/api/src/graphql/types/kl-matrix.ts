/** Resolvers of `KLMatrix`: one layer's between-class KL divergences on one subset, and each class's neighbours. */
import { klMatrixOf, klNeighbours } from '../../services/views/kl-matrix.ts';
import { toNumericArray } from '../../services/views/numeric/numeric-array.ts';
import type { KLMatrixResolvers } from '../generated/resolvers-types.ts';
import { layerOf, runOf } from '../shared.ts';

export const KLMatrix: KLMatrixResolvers = {
  layer: layerOf,
  fitRun: runOf,
  matrix: async (row, _, ctx) => {
    const m = await klMatrixOf(ctx, row);
    return toNumericArray(m.values, [m.size, m.size]);
  },
  rows: async (row, _, ctx) => {
    if (row.labels.length > 20) return null;
    const m = await klMatrixOf(ctx, row);
    return Array.from({ length: m.size }, (_, i) => Array.from(m.values.subarray(i * m.size, (i + 1) * m.size)));
  },
  nearest: (row, args, ctx) => klNeighbours(ctx, row, args, 'nearest'),
  farthest: (row, args, ctx) => klNeighbours(ctx, row, args, 'farthest'),
};
