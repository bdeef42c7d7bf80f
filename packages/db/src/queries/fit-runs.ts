/**
 * fit_runs as a job queue: enqueue (idempotent per model + config key), claim
 * with `FOR UPDATE SKIP LOCKED`, heartbeat with progress, finish, cancel, and
 * re-queue runs whose worker stopped beating.
 */
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { fitRuns, type RunProgress, type RunStatus } from '../schema/index.ts';

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
 * Creates the run for (model, configKey) or returns the existing one. A failed
 * or cancelled run is re-queued; a succeeded one only when `rerun` is true.
 */
export async function enqueueRun(db: Db, input: EnqueueRunInput, options: { rerun?: boolean } = {}): Promise<{ run: FitRunRow; created: boolean }> {
  const inserted = await db
    .insert(fitRuns)
    .values({ ...input, task: input.task ?? 'analyze-model', status: 'queued' })
    .onConflictDoNothing({ target: [fitRuns.modelId, fitRuns.configKey] })
    .returning();
  if (inserted.length > 0) return { run: inserted[0], created: true };
  const requeueable: RunStatus[] = options.rerun ? ['failed', 'cancelled', 'succeeded'] : ['failed', 'cancelled'];
  const [requeued] = await db
    .update(fitRuns)
    .set({ status: 'queued', error: null, cancelRequested: false, workerId: null, finishedAt: null })
    .where(and(eq(fitRuns.modelId, input.modelId), eq(fitRuns.configKey, input.configKey), inArray(fitRuns.status, requeueable)))
    .returning();
  if (requeued) return { run: requeued, created: false };
  const [existing] = await db
    .select()
    .from(fitRuns)
    .where(and(eq(fitRuns.modelId, input.modelId), eq(fitRuns.configKey, input.configKey)));
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

/** Stores progress and proves the worker alive; returns whether cancellation was requested (false if the run is no longer ours). */
export async function heartbeatRun(db: Db, runId: number, workerId: string, progress?: RunProgress): Promise<{ owned: boolean; cancelRequested: boolean }> {
  const set = progress ? { heartbeatAt: sql`now()`, progress } : { heartbeatAt: sql`now()` };
  const [row] = await db
    .update(fitRuns)
    .set(set)
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
  result: { status: Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled'>; error?: string | null; timings?: Record<string, number>; progress?: RunProgress },
): Promise<FitRunRow | undefined> {
  const [row] = await db
    .update(fitRuns)
    .set({
      status: result.status,
      error: result.error ?? null,
      ...(result.timings ? { timings: result.timings } : {}),
      ...(result.progress ? { progress: result.progress } : {}),
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

/**
 * Re-queues `running` runs whose heartbeat is older than `staleMs` (their worker died),
 * or, with `workerId`, every run that worker held (a restart of the same process).
 */
export async function requeueStaleRuns(db: Db, options: { staleMs: number; workerId?: string }): Promise<FitRunRow[]> {
  const stale = lt(fitRuns.heartbeatAt, sql`now() - make_interval(secs => ${options.staleMs / 1000})`);
  return db
    .update(fitRuns)
    .set({ status: 'queued', workerId: null })
    .where(and(eq(fitRuns.status, 'running'), options.workerId ? or(stale, eq(fitRuns.workerId, options.workerId)) : stale))
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

/** Runs filtered by status and/or model, newest first, keyset-paginated on id. */
export async function listRuns(
  db: Db,
  options: { first?: number; afterId?: number; statuses?: readonly RunStatus[]; modelId?: number } = {},
): Promise<{ rows: FitRunRow[]; totalCount: number; hasNextPage: boolean }> {
  const first = Math.max(1, Math.min(1000, options.first ?? 20));
  const conditions = [];
  if (options.statuses) conditions.push(inArray(fitRuns.status, [...options.statuses]));
  if (options.modelId !== undefined) conditions.push(eq(fitRuns.modelId, options.modelId));
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(fitRuns).where(and(...conditions));
  const page = options.afterId !== undefined ? [...conditions, lt(fitRuns.id, options.afterId)] : conditions;
  const rows = await db.select().from(fitRuns).where(and(...page)).orderBy(desc(fitRuns.id)).limit(first + 1);
  return { rows: rows.slice(0, first), totalCount: Number(total), hasNextPage: rows.length > first };
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

/** Hands a running run back to the queue (its worker is shutting down); it resumes from its checkpoint. */
export async function releaseRun(db: Db, runId: number, workerId: string): Promise<void> {
  await db
    .update(fitRuns)
    .set({ status: 'queued', workerId: null })
    .where(and(eq(fitRuns.id, runId), eq(fitRuns.workerId, workerId), eq(fitRuns.status, 'running')));
}
