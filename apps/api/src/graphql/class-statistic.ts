/** The per-class statistics the heatmap and the comparison read from a class fit row. */
import type { ClassFitRow, FitRunRow } from '@classfit/db';

/** The GraphQL `ClassStatistic` enum. */
export type ClassStatistic = 'MEAN_LOG_DENSITY' | 'SD_LOG_DENSITY' | 'RELATIVE_ENTROPY' | 'MEAN_DISTANCE' | 'CLUSTER_COUNT';

/** The run's burn-in in sweeps (`config.burnIn` of the analysis options), 0 when it records none. */
export function burnInOf(run: FitRunRow | undefined): number {
  const value = (run?.config as { burnIn?: unknown } | undefined)?.burnIn;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

/** Mean cluster count over the sweeps after burn-in (the whole trace when burn-in covers it all). */
export function meanClusterCount(fit: ClassFitRow, burnIn: number): number | null {
  const trace = fit.clusterCountTrace ?? [];
  const kept = trace.length > burnIn ? trace.slice(burnIn) : trace;
  return kept.length ? kept.reduce((a, b) => a + b, 0) / kept.length : null;
}

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
      return meanClusterCount(fit, burnIn);
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
