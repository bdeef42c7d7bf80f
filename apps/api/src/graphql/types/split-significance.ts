/** Resolvers of `SplitSignificance`: the stored evidence columns of a group split row. */
import { SPLIT_SIGNIFICANCE_LEVEL, splitPasses } from '../../services/analysis/split-evidence.ts';
import type { SplitSignificanceResolvers } from '../generated/resolvers-types.ts';

export const SplitSignificance: SplitSignificanceResolvers = {
  passes: (row) => splitPasses(row.modesPValue)!,
  level: () => SPLIT_SIGNIFICANCE_LEVEL,
  modesPValue: (row) => row.modesPValue!,
  criticalBandwidth: (row) => row.criticalBandwidth!,
  modesReplicates: (row) => row.modesReplicates!,
  gap: (row) => ({ estimate: row.gap, low: row.gapLow!, high: row.gapHigh! }),
  sdRatio: (row) => (row.sdRatio === null || row.sdRatioLow === null || row.sdRatioHigh === null ? null : { estimate: row.sdRatio, low: row.sdRatioLow, high: row.sdRatioHigh }),
  stability: (row) => row.stability!,
  bootstrapReplicates: (row) => row.bootstrapReplicates!,
  intervalLevel: (row) => row.intervalLevel!,
};
