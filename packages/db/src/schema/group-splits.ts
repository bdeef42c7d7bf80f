import { doublePrecision, integer, jsonb, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { runLayerKey } from './run-layer-key.ts';

/** Per (run, layer): the largest-gap split of class mean log-densities (METHOD.md H.1). */
export const groupSplits = pgTable(
  'group_splits',
  {
    ...runLayerKey(),
    threshold: doublePrecision('threshold').notNull(),
    gap: doublePrecision('gap').notNull(),
    lowCount: integer('low_count').notNull(),
    highCount: integer('high_count').notNull(),
    // Is the split real (docs/method.md H.1)? Null in runs stored before the check, or with < 3 classes.
    /** p-value of Silverman's bandwidth test, H₀ "the class means are unimodal" (smoothed bootstrap). */
    modesPValue: doublePrecision('modes_p_value'),
    /** Smallest kernel bandwidth (nats) at which the class means' density has one mode. */
    criticalBandwidth: doublePrecision('critical_bandwidth'),
    /** Bootstrap replicates behind `modes_p_value`. */
    modesReplicates: integer('modes_replicates'),
    /** Percentile interval of the gap under resampling examples within classes. */
    gapLow: doublePrecision('gap_low'),
    gapHigh: doublePrecision('gap_high'),
    /** Median per-class s.d. of the low group over the high group's (the paper's "ten times"), with its interval. */
    sdRatio: doublePrecision('sd_ratio'),
    sdRatioLow: doublePrecision('sd_ratio_low'),
    sdRatioHigh: doublePrecision('sd_ratio_high'),
    /** Fraction of within-class resamples whose split keeps every class in its group. */
    stability: doublePrecision('stability'),
    /** Within-class resamples behind the intervals and `stability`. */
    bootstrapReplicates: integer('bootstrap_replicates'),
    /** Level of the intervals (e.g. 0.95). */
    intervalLevel: doublePrecision('interval_level'),
    /** The largest gap of each chain's own class means, [chains]. */
    chainGaps: jsonb('chain_gaps').$type<number[]>(),
    /** Chains whose own split puts every class in its pooled group. */
    chainsAgreeing: integer('chains_agreeing'),
  },
  (t) => [uniqueIndex('group_splits_run_layer_uq').on(t.runId, t.layerId)],
);
