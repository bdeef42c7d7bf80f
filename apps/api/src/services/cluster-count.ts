/**
 * Cluster counts of stored class fits: core's one definition (`meanClusterCount`, the mean over the sweeps after
 * burn-in; README "Cluster count") under the burn-in the run recorded. Every reader of a stored fit — report,
 * GraphQL, heatmap, comparison, exports — goes through here.
 */
import { meanClusterCount } from '@classfit/core/dpgmm';
import type { ClassFitRow, FitRunRow } from '@classfit/db';

/** The run's burn-in in sweeps (`config.burnIn` of the analysis options), 0 when it records none. */
export function burnInOf(run: FitRunRow | undefined): number {
  const value = (run?.config as { burnIn?: unknown } | undefined)?.burnIn;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

/** The class's cluster count: the mean over its stored trace's sweeps after `burnIn`; null without a trace. */
export function classFitClusterCount(fit: Pick<ClassFitRow, 'clusterCountTrace'>, burnIn: number): number | null {
  return meanClusterCount(fit.clusterCountTrace ?? [], burnIn);
}
