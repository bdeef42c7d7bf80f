/** Resolvers of `ClassFit`: one class's density fit in one layer and run. */
import { classOf } from '../../services/views/class-of.ts';
import { heldOutDensityOf } from '../../services/held-out-density.ts';
import { burnInOf, classFitClusterCount } from '../../services/cluster-count.ts';
import type { ClassFitResolvers } from '../generated/resolvers-types.ts';
import { globalIdOf, referenced, upper } from '../shared.ts';

export const ClassFit: ClassFitResolvers = {
  id: globalIdOf('ClassFit'),
  fitRun: (fit, _, ctx) => referenced(ctx.loaders.fitRun, fit.runId, 'FitRun'),
  layer: (fit, _, ctx) => referenced(ctx.loaders.layer, fit.layerId, 'Layer'),
  class: async (fit, _, ctx) => {
    const layer = await referenced(ctx.loaders.layer, fit.layerId, 'Layer');
    return classOf(ctx, layer.modelId, fit.label);
  },
  group: (fit) => upper(fit.group),
  meanClusterCount: async (fit, _, ctx) => classFitClusterCount(fit, burnInOf(await ctx.loaders.fitRun.load(fit.runId))),
  diagnostics: (fit) => (fit.diagnostics || fit.clusterCountTrace ? fit : null),
  chainSpread: (fit) => (fit.chainMeanLogDensities ? fit : null),
  heldOutDensity: (fit) => heldOutDensityOf(fit),
};
