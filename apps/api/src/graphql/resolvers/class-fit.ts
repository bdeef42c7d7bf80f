/** Resolvers of `ClassFit` and its `Diagnostics`. */
import type { ClassFitRow } from '@classfit/db';
import { burnInOf, meanClusterCount } from '../class-statistic.ts';
import type { GraphQLContext } from '../context.ts';
import { downsample, type DownsampleOptions } from '../numeric/downsample.ts';
import { classOf } from './class-of.ts';
import { globalIdOf, upper } from './shared.ts';

/** A stored trace as chains: `number[]` is one chain, `number[][]` several; anything else none. */
function chainsOf(value: unknown): number[][] {
  if (!Array.isArray(value) || value.length === 0) return [];
  if (value.every((v) => typeof v === 'number')) return [value as number[]];
  return value.filter((v): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number'));
}

const traces = (chains: number[][], args: DownsampleOptions) => chains.map((values, chain) => ({ chain, series: downsample(values, args) }));

export const ClassFit = {
  id: globalIdOf('ClassFit'),
  fitRun: (fit: ClassFitRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.fitRun.load(fit.runId),
  layer: (fit: ClassFitRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.layer.load(fit.layerId),
  class: async (fit: ClassFitRow, _: unknown, ctx: GraphQLContext) => {
    const layer = await ctx.loaders.layer.load(fit.layerId);
    return classOf(ctx, layer!.modelId, fit.label);
  },
  group: (fit: ClassFitRow) => upper(fit.group),
  meanClusterCount: async (fit: ClassFitRow, _: unknown, ctx: GraphQLContext) => meanClusterCount(fit, burnInOf(await ctx.loaders.fitRun.load(fit.runId))),
  diagnostics: (fit: ClassFitRow) => (fit.diagnostics || fit.clusterCountTrace ? fit : null),
};

export const Diagnostics = {
  rHat: (fit: ClassFitRow) => fit.diagnostics?.rHat ?? null,
  chains: (fit: ClassFitRow) => Math.max(chainsOf(fit.clusterCountTrace).length, chainsOf(fit.diagnostics?.logLikelihoods).length),
  sweeps: (fit: ClassFitRow) => Math.max(0, ...[...chainsOf(fit.clusterCountTrace), ...chainsOf(fit.diagnostics?.logLikelihoods)].map((c) => c.length)),
  clusterCounts: (fit: ClassFitRow, args: DownsampleOptions) => traces(chainsOf(fit.clusterCountTrace), args),
  logLikelihoods: (fit: ClassFitRow, args: DownsampleOptions) => traces(chainsOf(fit.diagnostics?.logLikelihoods), args),
  alphas: (fit: ClassFitRow, args: DownsampleOptions) => traces(chainsOf(fit.diagnostics?.alphas), args),
};
