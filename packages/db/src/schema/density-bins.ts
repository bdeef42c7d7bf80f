import { integer, jsonb, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { runLayerKey } from './run-layer-key.ts';

/** Statistics of one density bin (examples sorted by own-class log-density, METHOD.md H.3). */
export interface DensityBinStats {
  readonly count: number;
  readonly logDensityMean: number;
  readonly logDensitySd: number;
  readonly memorizationMean: number | null;
  readonly memorizationSd: number | null;
  /** Fraction of the bin's examples from high-density classes (null when the layer has no split). */
  readonly highDensityFraction: number | null;
}

/** Per (run, layer, bin). */
export const densityBins = pgTable(
  'density_bins',
  {
    ...runLayerKey(),
    bin: integer('bin').notNull(),
    stats: jsonb('stats').$type<DensityBinStats>().notNull(),
  },
  (t) => [uniqueIndex('density_bins_run_layer_bin_uq').on(t.runId, t.layerId, t.bin)],
);
