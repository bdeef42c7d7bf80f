/**
 * fit_run_layers: the per-layer jobs of a run dispatched through pg-boss. Rows are prepared when the run is
 * queued, claimed by the worker that pulled the layer's pg-boss job, beaten while it runs (the worker proves
 * itself alive and learns of a cancel request), and finished; rows whose worker stopped beating are handed back.
 */
import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { fitRunLayers, fitRuns, type LayerJobStatus } from '../schema/index.ts';
import { appendedLog } from './fit-runs.ts';

/** A fit_run_layers row. */
export type FitRunLayerRow = typeof fitRunLayers.$inferSelect;

/**
 * Creates the layer rows of a run (one per layer, in order), re-queues failed or cancelled ones, and gives every
 * queued layer without a pg-boss job id a fresh one (one statement: concurrent callers agree on it); returns the
 * queued rows with their job ids. Sending a job under the row's id is idempotent (pg-boss ignores an id it has), so
 * two dispatchers of one run queue each layer once.
 */
export async function prepareLayerJobs(db: Db, runId: number, layers: readonly string[]): Promise<(FitRunLayerRow & { jobId: string })[]> {
  if (layers.length === 0) return [];
  await db
    .insert(fitRunLayers)
    .values(layers.map((layer, position) => ({ runId, layer, position })))
    .onConflictDoNothing();
  await db
    .update(fitRunLayers)
    .set({ status: 'queued', jobId: null, workerId: null, error: null, finishedAt: null, attempts: 0 })
    .where(and(eq(fitRunLayers.runId, runId), inArray(fitRunLayers.status, ['failed', 'cancelled'])));
  await db
    .update(fitRunLayers)
    .set({ jobId: sql`gen_random_uuid()::text` })
    .where(and(eq(fitRunLayers.runId, runId), eq(fitRunLayers.status, 'queued'), isNull(fitRunLayers.jobId)));
  const queued = await db
    .select()
    .from(fitRunLayers)
    .where(and(eq(fitRunLayers.runId, runId), eq(fitRunLayers.status, 'queued')))
    .orderBy(asc(fitRunLayers.position));
  return queued.filter((row): row is FitRunLayerRow & { jobId: string } => row.jobId !== null);
}

/** Every layer row of a run, in order. */
export async function layerJobsOfRun(db: Db, runId: number): Promise<FitRunLayerRow[]> {
  return layerJobsByRunIds(db, [runId]);
}

/** The layer rows of several runs, by run then layer order (GraphQL `FitRun.layerJobs`). */
export async function layerJobsByRunIds(db: Db, runIds: readonly number[]): Promise<FitRunLayerRow[]> {
  if (runIds.length === 0) return [];
  return db.select().from(fitRunLayers).where(inArray(fitRunLayers.runId, [...runIds])).orderBy(asc(fitRunLayers.runId), asc(fitRunLayers.position));
}

/**
 * Takes a queued (or abandoned running) layer for `workerId` and marks its run running; undefined when the layer
 * is finished already (succeeded, failed or cancelled) or unknown.
 */
export async function claimLayerJob(db: Db, runId: number, layer: string, worker: { workerId: string; host: string; jobId: string }): Promise<FitRunLayerRow | undefined> {
  const [row] = await db
    .update(fitRunLayers)
    .set({ status: 'running', workerId: worker.workerId, host: worker.host, jobId: worker.jobId, heartbeatAt: sql`now()`, attempts: sql`${fitRunLayers.attempts} + 1` })
    .where(and(eq(fitRunLayers.runId, runId), eq(fitRunLayers.layer, layer), inArray(fitRunLayers.status, ['queued', 'running'])))
    .returning();
  if (row) {
    await db
      .update(fitRuns)
      .set({ status: 'running', workerId: 'pg-boss', startedAt: sql`coalesce(${fitRuns.startedAt}, now())`, heartbeatAt: sql`now()`, attempts: sql`greatest(${fitRuns.attempts}, ${row.attempts})` })
      .where(and(eq(fitRuns.id, runId), eq(fitRuns.status, 'queued')));
  }
  return row;
}

/** Proves `workerId` alive on its layer; says whether it still holds it and whether the run's cancel was requested. */
export async function beatLayerJob(db: Db, runId: number, layer: string, workerId: string): Promise<{ owned: boolean; cancelRequested: boolean }> {
  const rows = await db
    .update(fitRunLayers)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(fitRunLayers.runId, runId), eq(fitRunLayers.layer, layer), eq(fitRunLayers.workerId, workerId), eq(fitRunLayers.status, 'running')))
    .returning({ layer: fitRunLayers.layer });
  await db.update(fitRuns).set({ heartbeatAt: sql`now()` }).where(and(eq(fitRuns.id, runId), eq(fitRuns.status, 'running')));
  const [run] = await db.select({ cancelRequested: fitRuns.cancelRequested, status: fitRuns.status }).from(fitRuns).where(eq(fitRuns.id, runId));
  return { owned: rows.length > 0, cancelRequested: !run || run.cancelRequested || run.status === 'cancelled' };
}

/** Updates fields of a layer row (checkpoint, backend). */
export async function updateLayerJob(db: Db, runId: number, layer: string, fields: Partial<Pick<FitRunLayerRow, 'checkpointArtifact' | 'backend'>>): Promise<void> {
  await db.update(fitRunLayers).set(fields).where(and(eq(fitRunLayers.runId, runId), eq(fitRunLayers.layer, layer)));
}

/** Moves a layer to a final state (or back to `queued`), with the reason; pass a transaction to finish it with its results. */
export async function finishLayerJob(db: Db, runId: number, layer: string, status: LayerJobStatus, error: string | null = null): Promise<void> {
  const final = status === 'succeeded' || status === 'failed' || status === 'cancelled';
  await db
    .update(fitRunLayers)
    .set({ status, error, ...(final ? { finishedAt: sql`now()` } : { workerId: null }) })
    .where(and(eq(fitRunLayers.runId, runId), eq(fitRunLayers.layer, layer)));
}

/**
 * Hands back `running` layers whose worker has not beaten for `staleMs` (it died: SIGKILL, a crash, a lost
 * machine), recording why; returns them (with the pg-boss job to fail). One caller wins each row.
 */
export async function releaseStaleLayerJobs(db: Db, staleMs: number): Promise<FitRunLayerRow[]> {
  return db
    .update(fitRunLayers)
    .set({
      status: 'queued',
      error: sql`'its worker ' || coalesce(${fitRunLayers.workerId}, 'unknown') || ' stopped beating during attempt ' || ${fitRunLayers.attempts} || ' (killed or crashed)'`,
      workerId: null,
    })
    .where(and(eq(fitRunLayers.status, 'running'), lt(fitRunLayers.heartbeatAt, sql`now() - make_interval(secs => ${staleMs / 1000})`)))
    .returning();
}

/** Appends lines to a run's log (keeping the last RUN_LOG_LIMIT), whoever holds it. */
export async function appendRunLog(db: Db, runId: number, lines: readonly string[]): Promise<void> {
  const log = appendedLog(lines);
  if (log) await db.update(fitRuns).set({ log }).where(eq(fitRuns.id, runId));
}

/** Locks a run's row until the transaction ends (the one-time model-level summary); its status. */
export async function lockRun(db: Db, runId: number): Promise<{ status: string; cancelRequested: boolean } | undefined> {
  const [row] = await db.select({ status: fitRuns.status, cancelRequested: fitRuns.cancelRequested }).from(fitRuns).where(eq(fitRuns.id, runId)).for('update');
  return row;
}
