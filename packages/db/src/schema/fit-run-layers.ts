import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { fitRuns } from './fit-runs.ts';

/** Lifecycle of one layer job of a run dispatched through pg-boss. */
export const LAYER_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
/** One of {@link LAYER_JOB_STATUSES}. */
export type LayerJobStatus = (typeof LAYER_JOB_STATUSES)[number];

/**
 * One layer of a fit run as its own job (the pg-boss dispatcher, with `DATABASE_URL`): which worker holds it and
 * when it last proved alive, its attempts, its resumable checkpoint and why it failed. The run's model-level steps
 * run once every layer of the run has `succeeded`.
 */
export const fitRunLayers = pgTable(
  'fit_run_layers',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => fitRuns.id, { onDelete: 'cascade' }),
    /** Layer name (as in the run config's `layers`). */
    layer: text('layer').notNull(),
    /** Position in the run config's `layers`. */
    position: integer('position').notNull(),
    status: text('status', { enum: LAYER_JOB_STATUSES }).notNull().default('queued'),
    /** The pg-boss job id while one is queued or running. */
    jobId: text('job_id'),
    attempts: integer('attempts').notNull().default(0),
    /** `host:pid:random` of the worker holding it, its host and compute backend. */
    workerId: text('worker_id'),
    host: text('host'),
    backend: text('backend'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }),
    /** Artifact key of the layer's resumable checkpoint (JSON). */
    checkpointArtifact: text('checkpoint_artifact'),
    error: text('error'),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.layer] }),
    check('fit_run_layers_status_ck', sql`${t.status} in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`),
  ],
);
