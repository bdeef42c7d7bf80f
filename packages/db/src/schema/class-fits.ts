import { doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { runLayerKey } from './run-layer-key.ts';

/** A per-sweep series: one chain's (rows stored before multi-chain runs: chain 0), or one per chain. */
export type SweepSeries = number[] | number[][];

/** Convergence diagnostics of one class fit (trimmed for storage). */
export interface ClassFitDiagnostics {
  /** Gelman–Rubin R-hat of the collapsed log-likelihood over the kept sweeps; null with one chain. */
  readonly rHat: number | null;
  /** R-hat of the cluster count over the kept sweeps; null with one chain (absent in older rows). */
  readonly clusterCountRHat?: number | null;
  /** Collapsed log-likelihood per sweep. */
  readonly logLikelihoods?: SweepSeries;
  readonly alphas?: SweepSeries;
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
    /** Cluster count after every sweep, per chain (older rows: chain 0 only, as one series). */
    clusterCountTrace: jsonb('cluster_count_trace').$type<SweepSeries>(),
    diagnostics: jsonb('diagnostics').$type<ClassFitDiagnostics>(),
    /**
     * Each chain's own estimate of the class's mean log-density, [chains]; the pooled `mean_log_density` is
     * their mean (log-averaged traces, docs/method.md D). Null in runs stored before chains were compared.
     */
    chainMeanLogDensities: jsonb('chain_mean_log_densities').$type<number[]>(),
    /** Each chain's relative entropy (mean over its kept traces), [chains]; null when not computed. */
    chainRelativeEntropies: jsonb('chain_relative_entropies').$type<number[]>(),
    /** Between-chain s.d. (divisor chains − 1) of the mean log-density; null with one chain. */
    meanLogDensityChainSd: doublePrecision('mean_log_density_chain_sd'),
    /** Between-chain s.d. of the relative entropy; null with one chain or without relative entropy. */
    relativeEntropyChainSd: doublePrecision('relative_entropy_chain_sd'),
    /** In how many chains the chain's own largest-gap split puts the class in its pooled `group`; null with one chain. */
    groupChainAgreement: integer('group_chain_agreement'),
    /**
     * Held-out densities (docs/method.md "Held-out densities"), from the generative-classification refit (the fit
     * without the held-out examples): the mean log-density of the class's refit training points under the class's
     * refit density, and of its held-out examples under the same density, with their count. Null when the run held
     * nothing out of the class (or was stored before these were computed).
     */
    heldOutInSampleMeanLogDensity: doublePrecision('held_out_in_sample_mean_log_density'),
    heldOutMeanLogDensity: doublePrecision('held_out_mean_log_density'),
    heldOutCount: integer('held_out_count'),
    /** Artifact key of the layer's predictive file holding this class's mixture. */
    predictiveArtifact: text('predictive_artifact'),
  },
  (t) => [
    uniqueIndex('class_fits_run_layer_label_uq').on(t.runId, t.layerId, t.label),
    index('class_fits_layer_idx').on(t.layerId),
  ],
);
