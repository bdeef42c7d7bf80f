/**
 * pg-boss (v10) on the run's own PostgreSQL (`DATABASE_URL`, schema `pgboss`): the queue of per-layer analysis
 * jobs, with a retry cap and exponential back-off, and the dead-letter queue where a layer lands once its last
 * attempt failed. The embedded PGlite default keeps the in-process runner (jobs/job-runner.ts) instead.
 */
import PgBoss from 'pg-boss';
import { MAX_RUN_ATTEMPTS } from '@classfit/db';

/** The queue of layer jobs: data {@link LayerJobData}. */
export const LAYER_QUEUE = 'classfit-analyze-layer';
/** Where a layer job goes after its last failed attempt (the run is then marked failed with the reason). */
export const LAYER_DEAD_QUEUE = 'classfit-analyze-layer-failed';
/** `fit_runs.task` of runs dispatched as layer jobs (the in-process runner never claims them). */
export const LAYERS_TASK = 'analyze-layers';

/** One layer of one run. */
export interface LayerJobData {
  readonly runId: number;
  readonly layer: string;
}

/** Options of {@link openBoss}. */
export interface BossOptions {
  /** Seconds before pg-boss itself fails an active job (a safety net; dead workers are noticed by their heartbeat). Default 4 h. */
  readonly expireInSeconds?: number;
  /** First retry delay (s), doubled per attempt with jitter. Default 2. */
  readonly retryDelaySeconds?: number;
  readonly log?: (line: string) => void;
}

/** Starts pg-boss on `url` (creating its schema and the two queues when absent). */
export async function openBoss(url: string, options: BossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4, application_name: 'classfit-pgboss' });
  boss.on('error', (error: Error) => options.log?.(`pg-boss: ${error.message}`));
  await boss.start();
  await boss.createQueue(LAYER_DEAD_QUEUE).catch(ignoreExisting);
  await boss.createQueue(LAYER_QUEUE, {
    name: LAYER_QUEUE,
    retryLimit: MAX_RUN_ATTEMPTS - 1,
    retryDelay: options.retryDelaySeconds ?? 2,
    retryBackoff: true,
    expireInSeconds: options.expireInSeconds ?? 4 * 3600,
    deadLetter: LAYER_DEAD_QUEUE,
  }).catch(ignoreExisting);
  return boss;
}

function ignoreExisting(error: Error): void {
  if (!/already exists|duplicate key/i.test(error.message)) throw error;
}

export type { PgBoss };
