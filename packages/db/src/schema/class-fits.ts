import { doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { runLayerKey } from './run-layer-key.ts';

/** Convergence diagnostics of one class fit (trimmed for storage). */
export interface ClassFitDiagnostics {
  readonly rHat: number | null;
  /** Collapsed log-likelihood per sweep of chain 0. */
  readonly logLikelihoods?: number[];
  readonly alphas?: number[];
  readonly [key: string]: unknown;
}

/** Per (run, layer, class): the class model's summary statistics and analyses. */
export const classFits = pgTable(
  'class_fits',
  {
    ...runLayerKey(),
    label: integer('label').notNull(),
    n: integer('n').notNull(),
    meanLogDensity: doublePrecision('mean_log_density'),
    sdLogDensity: doublePrecision('sd_log_density'),
    relativeEntropy: doublePrecision('relative_entropy'),
    relativeEntropySe: doublePrecision('relative_entropy_se'),
    meanDistance: doublePrecision('mean_distance'),
    /** `high` / `low` density group of the layer's largest-gap split. */
    group: text('group', { enum: ['high', 'low'] }),
    /** Cluster count after every sweep (chain 0). */
    clusterCountTrace: jsonb('cluster_count_trace').$type<number[]>(),
    diagnostics: jsonb('diagnostics').$type<ClassFitDiagnostics>(),
    /** Artifact key of the layer's predictive file holding this class's mixture. */
    predictiveArtifact: text('predictive_artifact'),
  },
  (t) => [
    uniqueIndex('class_fits_run_layer_label_uq').on(t.runId, t.layerId, t.label),
    index('class_fits_layer_idx').on(t.layerId),
  ],
);
