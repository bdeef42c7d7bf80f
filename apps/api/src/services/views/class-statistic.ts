/** The per-class statistics the heatmap and the comparison read from a class fit row. */
import type { ClassFitRow } from '@classfit/db';
import { classFitClusterCount } from '../cluster-count.ts';
import { heldOutDensityOf } from '../held-out-density.ts';

/** The GraphQL `ClassStatistic` enum. */
export type ClassStatistic =
  | 'MEAN_LOG_DENSITY' | 'SD_LOG_DENSITY' | 'RELATIVE_ENTROPY' | 'MEAN_DISTANCE' | 'CLUSTER_COUNT' | 'MEAN_LOG_DENSITY_CHAIN_SD' | 'RELATIVE_ENTROPY_CHAIN_SD' | 'HELD_OUT_GAP';

/** The value of `statistic` for one class fit, or null when it was not computed. */
export function statisticOf(fit: ClassFitRow, statistic: ClassStatistic, burnIn: number): number | null {
  switch (statistic) {
    case 'MEAN_LOG_DENSITY':
      return fit.meanLogDensity;
    case 'SD_LOG_DENSITY':
      return fit.sdLogDensity;
    case 'RELATIVE_ENTROPY':
      return fit.relativeEntropy;
    case 'MEAN_DISTANCE':
      return fit.meanDistance;
    case 'CLUSTER_COUNT':
      return classFitClusterCount(fit, burnIn);
    case 'MEAN_LOG_DENSITY_CHAIN_SD':
      return fit.meanLogDensityChainSd;
    case 'RELATIVE_ENTROPY_CHAIN_SD':
      return fit.relativeEntropyChainSd;
    case 'HELD_OUT_GAP':
      return heldOutDensityOf(fit)?.gap ?? null;
  }
}

/** Mean and population s.d. of the non-null values (nulls when there are none). */
export function meanAndSd(values: readonly (number | null)[]): { mean: number | null; sd: number | null } {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return { mean: null, sd: null };
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const variance = present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length;
  return { mean, sd: Math.sqrt(variance) };
}
