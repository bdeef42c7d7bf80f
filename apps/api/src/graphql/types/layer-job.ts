/** Resolvers of `LayerJob`: one layer of a run as its own pg-boss job. */
import type { LayerJobResolvers } from '../generated/resolvers-types.ts';
import { upper } from '../shared.ts';

export const LayerJob: LayerJobResolvers = {
  status: (row) => upper(row.status),
  worker: (row) => row.workerId,
};
