/**
 * fit_runs as a job queue: enqueue (idempotent per model + config key), claim
 * with `FOR UPDATE SKIP LOCKED`, heartbeat with progress and log lines, finish,
 * cancel, re-queue runs whose worker stopped beating, and ordered listing.
 */
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { fitRuns, layerFits, RUN_LOG_LIMIT, type RunProgress, type RunStatus } from '../schema/index.ts';
import { encodeKeyset, keysetCondition, keysetOrder, keysetPage, keysetScan, keysetTexts, type SortKey } from './keyset.ts';
import { runVisibleCondition, type ProjectVisibility } from './visibility.ts';

/** A fit run row. */
export type FitRunRow = typeof fitRuns.$inferSelect;

/** Fields of a run to enqueue. */
export interface EnqueueRunInput {
  readonly modelId: number;
  readonly task?: string;
  readonly configKey: string;
  readonly config: Record<string, unknown>;
  readonly seed: number;
  readonly backend?: string | null;
}

/**
 * Creates the run for (model, configKey) or returns the existing one. A failed or cancelled run is re-queued (it
 * resumes from its checkpoint). With `rerun`, a succeeded one is recomputed as a new run from scratch: in one
 * transaction the old run steps aside (its key becomes `<key>~superseded-<its id>`; it stays `succeeded` with all its
 * results, which the views show until the new run succeeds) and the new run takes the key, with no checkpoint.
 * Concurrent reruns create one new run.
 */
export async function enqueueRun(db: Db, input: EnqueueRunInput, options: { rerun?: boolean } = {}): Promise<{ run: FitRunRow; created: boolean }> {
  const values = { ...input, task: input.task ?? 'analyze-model', status: 'queued' as const };
  const sameKey = and(eq(fitRuns.modelId, input.modelId), eq(fitRuns.configKey, input.configKey));
  if (options.rerun) {
    const replaced = await db.transaction(async (tx) => {
      const [old] = await tx
        .update(fitRuns)
        .set({ configKey: sql`${fitRuns.configKey} || '~superseded-' || ${fitRuns.id}` })
        .where(and(sameKey, eq(fitRuns.status, 'succeeded')))
        .returning({ id: fitRuns.id });
      return old ? (await tx.insert(fitRuns).values(values).returning())[0] : undefined;
    });
    if (replaced) return { run: replaced, created: true };
  }
  const inserted = await db
    .insert(fitRuns)
    .values(values)
    .onConflictDoNothing({ target: [fitRuns.modelId, fitRuns.configKey] })
    .returning();
  if (inserted.length > 0) return { run: inserted[0], created: true };
  const [requeued] = await db
    .update(fitRuns)
    .set({ status: 'queued', task: values.task, error: null, cancelRequested: false, workerId: null, finishedAt: null })
    .where(and(sameKey, inArray(fitRuns.status, ['failed', 'cancelled'])))
    .returning();
  if (requeued) return { run: requeued, created: false };
  const [existing] = await db.select().from(fitRuns).where(sameKey);
  return { run: existing, created: false };
}

/** Claims the oldest queued run (optionally a given one / of given tasks) for `workerId`; undefined when none. */
export async function claimRun(db: Db, workerId: string, options: { runId?: number; tasks?: readonly string[] } = {}): Promise<FitRunRow | undefined> {
  const conditions = [eq(fitRuns.status, 'queued')];
  if (options.runId !== undefined) conditions.push(eq(fitRuns.id, options.runId));
  if (options.tasks) conditions.push(inArray(fitRuns.task, [...options.tasks]));
  const next = db
    .select({ id: fitRuns.id })
    .from(fitRuns)
    .where(and(...conditions))
    .orderBy(asc(fitRuns.createdAt), asc(fitRuns.id))
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await db
    .update(fitRuns)
    .set({
      status: 'running',
      workerId,
      heartbeatAt: sql`now()`,
      startedAt: sql`coalesce(${fitRuns.startedAt}, now())`,
      attempts: sql`${fitRuns.attempts} + 1`,
    })
    .where(and(eq(fitRuns.status, 'queued'), inArray(fitRuns.id, next)))
    .returning();
  return row;
}

/**
 * `log || lines`, keeping only the last {@link RUN_LOG_LIMIT} lines (one statement, no read-modify-write race).
 * Undefined when there is nothing to append.
 */
export function appendedLog(lines: readonly string[] | undefined): SQL | undefined {
  if (!lines?.length) return undefined;
  const joined = sql`(${fitRuns.log} || array[${sql.join(lines.map((line) => sql`${line}`), sql`, `)}]::text[])`;
  return sql`${joined}[greatest(1, cardinality(${joined}) - ${RUN_LOG_LIMIT - 1}):]`;
}

/**
 * Stores progress and appends log lines, proving the worker alive; returns whether cancellation was requested
 * (false if the run is no longer ours).
 */
export async function heartbeatRun(
  db: Db,
  runId: number,
  workerId: string,
  progress?: RunProgress,
  log?: readonly string[],
): Promise<{ owned: boolean; cancelRequested: boolean }> {
  const appended = appendedLog(log);
  const [row] = await db
    .update(fitRuns)
    .set({ heartbeatAt: sql`now()`, ...(progress ? { progress } : {}), ...(appended ? { log: appended } : {}) })
    .where(and(eq(fitRuns.id, runId), eq(fitRuns.workerId, workerId), eq(fitRuns.status, 'running')))
    .returning({ cancelRequested: fitRuns.cancelRequested });
  return row ? { owned: true, cancelRequested: row.cancelRequested } : { owned: false, cancelRequested: false };
}

/** Records the latest checkpoint artifact of a run. */
export async function setRunCheckpoint(db: Db, runId: number, checkpointArtifact: string | null): Promise<void> {
  await db.update(fitRuns).set({ checkpointArtifact }).where(eq(fitRuns.id, runId));
}

/** Records the backend a run computes on. */
export async function setRunBackend(db: Db, runId: number, backend: string): Promise<void> {
  await db.update(fitRuns).set({ backend }).where(eq(fitRuns.id, runId));
}

/** Moves a running run to a final state. */
export async function finishRun(
  db: Db,
  runId: number,
  result: {
    status: Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled'>;
    error?: string | null;
    timings?: Record<string, number>;
    progress?: RunProgress;
    /** Last log lines to append (e.g. the outcome). */
    log?: readonly string[];
  },
): Promise<FitRunRow | undefined> {
  const appended = appendedLog(result.log);
  const [row] = await db
    .update(fitRuns)
    .set({
      status: result.status,
      error: result.error ?? null,
      ...(result.timings ? { timings: result.timings } : {}),
      ...(result.progress ? { progress: result.progress } : {}),
      ...(appended ? { log: appended } : {}),
      finishedAt: sql`now()`,
      heartbeatAt: sql`now()`,
    })
    .where(eq(fitRuns.id, runId))
    .returning();
  return row;
}

/** Cancels a queued run at once, or flags a running one; returns the updated row. */
export async function requestRunCancel(db: Db, runId: number): Promise<FitRunRow | undefined> {
  const [queued] = await db
    .update(fitRuns)
    .set({ status: 'cancelled', cancelRequested: true, finishedAt: sql`now()` })
    .where(and(eq(fitRuns.id, runId), eq(fitRuns.status, 'queued')))
    .returning();
  if (queued) return queued;
  const [running] = await db
    .update(fitRuns)
    .set({ cancelRequested: true })
    .where(and(eq(fitRuns.id, runId), eq(fitRuns.status, 'running')))
    .returning();
  return running ?? getRun(db, runId);
}

/** Claims a run may use before a worker dying under it ends it `failed` (a job that kills its worker every time). */
export const MAX_RUN_ATTEMPTS = 3;

/**
 * Re-queues `running` runs whose heartbeat is older than `staleMs` (their worker died),
 * or, with `workerId`, every run that worker held (a restart of the same process). A run whose worker died
 * `maxAttempts` times (default {@link MAX_RUN_ATTEMPTS}) ends `failed` instead, with the reason, and is not retried.
 */
export async function requeueStaleRuns(db: Db, options: { staleMs: number; workerId?: string; maxAttempts?: number }): Promise<FitRunRow[]> {
  const stale = lt(fitRuns.heartbeatAt, sql`now() - make_interval(secs => ${options.staleMs / 1000})`);
  const max = options.maxAttempts ?? MAX_RUN_ATTEMPTS;
  const exhausted = sql`${fitRuns.attempts} >= ${max}`;
  return db
    .update(fitRuns)
    .set({
      status: sql`case when ${exhausted} then 'failed' else 'queued' end`,
      error: sql`case when ${exhausted} then 'its worker stopped without finishing ' || ${fitRuns.attempts} || ' times (last: ' || coalesce(${fitRuns.workerId}, 'unknown') || '); not retried' else ${fitRuns.error} end`,
      finishedAt: sql`case when ${exhausted} then now() else ${fitRuns.finishedAt} end`,
      workerId: null,
    })
    // Runs dispatched through pg-boss (worker 'pg-boss') are watched per layer (releaseStaleLayerJobs).
    .where(and(eq(fitRuns.status, 'running'), sql`coalesce(${fitRuns.workerId}, '') <> 'pg-boss'`, options.workerId ? or(stale, eq(fitRuns.workerId, options.workerId)) : stale))
    .returning();
}

/** A run by id, or undefined. */
export async function getRun(db: Db, id: number): Promise<FitRunRow | undefined> {
  const [row] = await db.select().from(fitRuns).where(eq(fitRuns.id, id));
  return row;
}

/** Runs by id (batch loader). */
export async function runsByIds(db: Db, ids: readonly number[]): Promise<FitRunRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(fitRuns).where(inArray(fitRuns.id, [...ids]));
}

/** Runs of the given models, newest first (batch loader). */
export async function runsByModelIds(db: Db, modelIds: readonly number[]): Promise<FitRunRow[]> {
  if (modelIds.length === 0) return [];
  return db
    .select()
    .from(fitRuns)
    .where(inArray(fitRuns.modelId, [...modelIds]))
    .orderBy(desc(fitRuns.id));
}

/** Sort keys of {@link listRuns}: queue time, or start time (runs not yet started count as earliest). */
export type RunSortField = 'createdAt' | 'startedAt';

const RUN_SORT_KEYS: Record<RunSortField, SortKey[]> = {
  createdAt: [{ expr: sql`${fitRuns.createdAt}`, type: 'timestamptz' }],
  startedAt: [{ expr: sql`coalesce(${fitRuns.startedAt}, '-infinity'::timestamptz)`, type: 'timestamptz' }],
};

/** Options of {@link listRuns}. */
export interface ListRunsOptions {
  /** Page size (1..1000, default 20). */
  readonly first?: number;
  /** Cursor of the previous page's last row. */
  readonly after?: string | null;
  readonly statuses?: readonly RunStatus[];
  readonly modelId?: number;
  /** Only runs of models of these projects (default all). */
  readonly visibility?: ProjectVisibility;
  /** Default: newest first by queue time (ties, e.g. one transaction's runs, by id). */
  readonly orderBy?: { readonly field: RunSortField; readonly direction: 'asc' | 'desc' };
}

/** Runs filtered by status and/or model, keyset-paginated on (sort key, id); rows carry their cursors. */
export async function listRuns(
  db: Db,
  options: ListRunsOptions = {},
): Promise<{ rows: (FitRunRow & { cursor: string })[]; totalCount: number; hasNextPage: boolean }> {
  const first = Math.max(1, Math.min(1000, options.first ?? 20));
  const { field, direction } = options.orderBy ?? { field: 'createdAt', direction: 'desc' };
  const conditions = [];
  if (options.statuses) conditions.push(inArray(fitRuns.status, [...options.statuses]));
  if (options.modelId !== undefined) conditions.push(eq(fitRuns.modelId, options.modelId));
  const visible = runVisibleCondition(options.visibility);
  if (visible) conditions.push(visible);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(fitRuns).where(and(...conditions));
  const keys = RUN_SORT_KEYS[field];
  const id = sql`${fitRuns.id}`;
  const scan = keysetScan({ first, after: options.after }, direction);
  const rows = await db
    .select({ run: fitRuns, keys: sql<string[]>`array[${sql.join(keysetTexts(keys), sql`, `)}]` })
    .from(fitRuns)
    .where(and(...conditions, keysetCondition(keys, id, scan)))
    .orderBy(...keysetOrder(keys, id, scan))
    .limit(first + 1);
  const page = keysetPage(rows, scan);
  return {
    rows: page.rows.map((row) => ({ ...row.run, cursor: encodeKeyset(row.keys, row.run.id) })),
    totalCount: Number(total),
    hasNextPage: page.hasNextPage,
  };
}

/** The newest succeeded run of each model (batch loader). */
export async function latestSucceededRunsByModelIds(db: Db, modelIds: readonly number[]): Promise<FitRunRow[]> {
  if (modelIds.length === 0) return [];
  return db
    .selectDistinctOn([fitRuns.modelId])
    .from(fitRuns)
    .where(and(inArray(fitRuns.modelId, [...modelIds]), eq(fitRuns.status, 'succeeded')))
    .orderBy(asc(fitRuns.modelId), desc(fitRuns.finishedAt), desc(fitRuns.id));
}

/**
 * Per layer, the newest succeeded run that fitted it (batch loader): a later run of only some layers does not hide
 * the layers it left out. Rows are the runs with the layer's id beside them.
 */
export async function latestSucceededRunsByLayerIds(db: Db, layerIds: readonly number[]): Promise<(FitRunRow & { layerId: number })[]> {
  if (layerIds.length === 0) return [];
  const rows = await db
    .selectDistinctOn([layerFits.layerId], { layerId: layerFits.layerId, run: fitRuns })
    .from(layerFits)
    .innerJoin(fitRuns, eq(fitRuns.id, layerFits.runId))
    .where(and(inArray(layerFits.layerId, [...layerIds]), eq(fitRuns.status, 'succeeded')))
    .orderBy(asc(layerFits.layerId), desc(fitRuns.finishedAt), desc(fitRuns.id));
  return rows.map((row) => ({ ...row.run, layerId: row.layerId }));
}

/** Hands a running run back to the queue (its worker is shutting down); it resumes from its checkpoint. */
export async function releaseRun(db: Db, runId: number, workerId: string): Promise<void> {
  await db
    .update(fitRuns)
    .set({ status: 'queued', workerId: null })
    .where(and(eq(fitRuns.id, runId), eq(fitRuns.workerId, workerId), eq(fitRuns.status, 'running')));
}

/** The highest run id the visibility lets one see (0 when there is none): where a watch for new runs starts. */
export async function latestRunId(db: Db, visibility?: ProjectVisibility): Promise<number> {
  const [{ id }] = await db.select({ id: sql<number>`coalesce(max(${fitRuns.id}), 0)::int` }).from(fitRuns).where(runVisibleCondition(visibility));
  return Number(id);
}

/** Runs queued after run `afterId` (ids only grow), oldest first, at most `limit`, within the visibility. */
export async function runsQueuedAfter(db: Db, afterId: number, options: { visibility?: ProjectVisibility; limit?: number } = {}): Promise<FitRunRow[]> {
  return db
    .select()
    .from(fitRuns)
    .where(and(sql`${fitRuns.id} > ${afterId}`, runVisibleCondition(options.visibility)))
    .orderBy(asc(fitRuns.id))
    .limit(options.limit ?? 100);
}
