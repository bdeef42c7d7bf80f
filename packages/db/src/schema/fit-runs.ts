import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { models } from './models.ts';

/** Lifecycle of a fit run (a queued job). */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
/** One of {@link RUN_STATUSES}. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Persistent progress of a run, polled by the API and the CLI. */
export interface RunProgress {
  /** e.g. `svd`, `fit`, `score`, `entropy`, `kl`, `genclass`, `bins`, `store`, `done`. */
  readonly phase: string;
  readonly layer?: string;
  readonly layerIndex?: number;
  readonly layerCount?: number;
  readonly classesDone?: number;
  readonly classCount?: number;
  readonly sweep?: number;
  readonly totalSweeps?: number;
  /** Estimated milliseconds left in the current phase. */
  readonly etaMs?: number | null;
  readonly backend?: string;
  readonly message?: string;
  readonly updatedAt?: string;
}

/** How many log lines a run keeps (the oldest are dropped first). */
export const RUN_LOG_LIMIT = 200;

/** One analysis of a model (config + seed); doubles as the job row of the queue. */
export const fitRuns = pgTable(
  'fit_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    /** Task name the job runner dispatches on, e.g. `analyze-model`. */
    task: text('task').notNull().default('analyze-model'),
    /** Hash of the normalised config: same model + same key = same run (idempotent re-runs). */
    configKey: text('config_key').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    backend: text('backend'),
    seed: integer('seed').notNull(),
    status: text('status', { enum: RUN_STATUSES }).notNull().default('queued'),
    progress: jsonb('progress').$type<RunProgress>(),
    /** The last {@link RUN_LOG_LIMIT} progress log lines, oldest first (appended with the heartbeat). */
    log: text('log').array().notNull().default(sql`'{}'::text[]`),
    /** Milliseconds per phase/layer. */
    timings: jsonb('timings').$type<Record<string, number>>(),
    error: text('error'),
    /** Artifact key of the latest resumable checkpoint (JSON). */
    checkpointArtifact: text('checkpoint_artifact'),
    /** Who holds the run while `running`, and when it last proved alive. */
    workerId: text('worker_id'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('fit_runs_model_config_uq').on(t.modelId, t.configKey),
    index('fit_runs_status_created_idx').on(t.status, t.createdAt),
    check('fit_runs_status_ck', sql`${t.status} in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`),
  ],
);
