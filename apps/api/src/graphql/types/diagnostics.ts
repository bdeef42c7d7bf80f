/** Resolvers of `Diagnostics`: a class fit's convergence traces (cluster counts, log-likelihoods, α), downsampled. */
import { seriesChains as chainsOf } from '../../services/sweep-series.ts';
import { downsample, type DownsampleOptions } from '../../services/views/numeric/downsample.ts';
import type { DiagnosticsResolvers } from '../generated/resolvers-types.ts';

const traces = (chains: number[][], args: DownsampleOptions) => chains.map((values, chain) => ({ chain, series: downsample(values, args) }));

export const Diagnostics: DiagnosticsResolvers = {
  rHat: (fit) => fit.diagnostics?.rHat ?? null,
  clusterCountRHat: (fit) => fit.diagnostics?.clusterCountRHat ?? null,
  chains: (fit) => Math.max(chainsOf(fit.clusterCountTrace).length, chainsOf(fit.diagnostics?.logLikelihoods).length),
  sweeps: (fit) => Math.max(0, ...[...chainsOf(fit.clusterCountTrace), ...chainsOf(fit.diagnostics?.logLikelihoods)].map((c) => c.length)),
  clusterCounts: (fit, args) => traces(chainsOf(fit.clusterCountTrace), args),
  logLikelihoods: (fit, args) => traces(chainsOf(fit.diagnostics?.logLikelihoods), args),
  alphas: (fit, args) => traces(chainsOf(fit.diagnostics?.alphas), args),
};
