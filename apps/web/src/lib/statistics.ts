/** The per-class statistics the dashboard can show, their URL names and their API enum values. */
import type { ClassStatistic } from '@/gql/graphql';

export const STATISTICS = {
  'mean-log-density': { api: 'MEAN_LOG_DENSITY', label: 'Mean log-density', unit: 'nats', scale: 'sequential' },
  'relative-entropy': { api: 'RELATIVE_ENTROPY', label: 'Relative entropy', unit: 'nats', scale: 'sequential' },
  group: { api: 'MEAN_LOG_DENSITY', label: 'Group (largest-gap split)', unit: '', scale: 'categorical' },
  'sd-log-density': { api: 'SD_LOG_DENSITY', label: 'S.d. of log-density', unit: 'nats', scale: 'sequential' },
  'mean-distance': { api: 'MEAN_DISTANCE', label: 'Mean intra-class distance', unit: '', scale: 'sequential' },
  'cluster-count': { api: 'CLUSTER_COUNT', label: 'Mean cluster count', unit: '', scale: 'sequential' },
  'chain-sd-log-density': { api: 'MEAN_LOG_DENSITY_CHAIN_SD', label: 'Between-chain s.d. of mean log-density', unit: 'nats', scale: 'sequential' },
  'chain-sd-relative-entropy': { api: 'RELATIVE_ENTROPY_CHAIN_SD', label: 'Between-chain s.d. of relative entropy', unit: 'nats', scale: 'sequential' },
  'held-out-gap': { api: 'HELD_OUT_GAP', label: 'Held-out gap (in-sample − held-out mean log-density)', unit: 'nats', scale: 'sequential' },
} as const satisfies Record<string, { api: ClassStatistic; label: string; unit: string; scale: string }>;

export type StatisticKey = keyof typeof STATISTICS;
export type ApiStatistic = (typeof STATISTICS)[StatisticKey]['api'];

/** The statistic named in the URL, or `fallback`. */
export function parseStatistic(value: string | undefined, fallback: StatisticKey = 'mean-log-density'): StatisticKey {
  return value && value in STATISTICS ? (value as StatisticKey) : fallback;
}

/** Numeric code of a class group in categorical heatmaps. */
export const GROUP_CODE = { LOW: 0, HIGH: 1 } as const;

/**
 * A layer × class matrix of group codes from each layer's split (null where the layer has no split or the
 * class is in neither list).
 */
export function groupMatrix(labels: readonly number[], splits: readonly ({ lowLabels: readonly number[]; highLabels: readonly number[] } | null)[]): (number | null)[][] {
  return splits.map((split) => {
    if (!split) return labels.map(() => null);
    const high = new Set(split.highLabels);
    const low = new Set(split.lowLabels);
    return labels.map((label) => (high.has(label) ? GROUP_CODE.HIGH : low.has(label) ? GROUP_CODE.LOW : null));
  });
}
