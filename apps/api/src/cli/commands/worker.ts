/**
 * `classfit worker`: runs queued jobs from the database until stopped (SIGINT/SIGTERM hand the current job back).
 * With DATABASE_URL it also pulls per-layer analysis jobs from pg-boss (jobs/boss/).
 */
import { createAppContext } from '../../context/app-context.ts';
import { createBossWorker } from '../../jobs/boss/boss-worker.ts';
import { openBoss } from '../../jobs/boss/boss.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { defaultTasks } from '../../jobs/tasks/index.ts';
import { getEnv } from '../../env.ts';
import type { CliCommand } from '../command.ts';
import { stopRequested } from '../stop-signals.ts';
import { JSON_FLAG, printResult } from '../output.ts';
import { integerOption, parseCommandLine } from '../parse-options.ts';

const usage = `Usage: classfit worker [--once] [--poll-ms N] [--workers N]

Claims queued jobs (fit runs) from the database and runs them, one at a time. Any number of
workers can share one PostgreSQL (DATABASE_URL). On start, jobs whose worker stopped beating
(CLASSFIT_JOB_STALE_SECONDS) are re-queued and resume from their checkpoints.

With DATABASE_URL the worker also pulls analysis jobs from pg-boss on the same database: one job
per layer of a model (so several workers share one model's analysis), the model's summary steps
when its last layer is done. A layer whose worker stops beating for CLASSFIT_JOB_STALE_SECONDS is
retried (with back-off) by another; after 3 attempts the run ends failed with the reason.

Options:
  --once        exit when the fit_runs queue is empty (not with pg-boss jobs)
  --poll-ms N   idle poll interval (default 2000)
  --workers N   sampler worker threads per job (default: all cores)
  --json        when it exits, print the runs it finished as one JSON document`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, { once: { type: 'boolean' }, 'poll-ms': { type: 'string' }, workers: { type: 'string' }, ...JSON_FLAG });
    const ctx = await createAppContext();
    const finished: { id: number; task: string; modelId: number; outcome: string; error?: string }[] = [];
    const runner = createJobRunner(ctx, {
      tasks: defaultTasks,
      pollMs: integerOption(values['poll-ms'], 'poll-ms', 10),
      workers: integerOption(values.workers, 'workers', 1, 256),
      staleMs: getEnv().CLASSFIT_JOB_STALE_SECONDS * 1000,
      onFinished: (run, outcome, detail) => {
        finished.push({ id: run.id, task: run.task, modelId: run.modelId, outcome, ...(outcome === 'failed' ? { error: (detail as Error)?.message } : {}) });
        ctx.log(`run ${run.id} (${run.task}, model ${run.modelId}): ${outcome}${outcome === 'failed' ? `: ${(detail as Error)?.message}` : ''}`);
      },
    });
    const url = ctx.engine === 'postgres' && !values.once ? getEnv().DATABASE_URL : undefined;
    const boss = url ? await openBoss(url, { log: ctx.log }) : undefined;
    const layers = boss
      ? createBossWorker(ctx, boss, {
          staleMs: getEnv().CLASSFIT_JOB_STALE_SECONDS * 1000,
          pollSeconds: (integerOption(values['poll-ms'], 'poll-ms', 10) ?? 1000) / 1000,
          workers: integerOption(values.workers, 'workers', 1, 256),
          onFinished: (data, outcome, detail) => {
            finished.push({ id: data.runId, task: `layer ${data.layer}`, modelId: 0, outcome, ...(detail ? { error: detail } : {}) });
            ctx.log(`run ${data.runId} layer ${data.layer}: ${outcome}${detail ? `: ${detail}` : ''}`);
          },
        })
      : undefined;
    ctx.log(`worker ${layers?.workerId ?? runner.workerId} ready${boss ? ' (pg-boss layer jobs and the fit_runs queue)' : ''}`);
    try {
      if (values.once) {
        await runner.recover();
        await runner.runNext().then(async function drain(done): Promise<void> {
          if (done) await runner.runNext().then(drain);
        });
        if (values.json) printResult(true, { workerId: runner.workerId, runs: finished }, () => '');
        return 0;
      }
      await runner.start();
      await layers?.start();
      await stopRequested();
      ctx.log(`worker ${runner.workerId} stopping; the current job is handed back`);
      await layers?.stop();
      await runner.stop();
      if (values.json) printResult(true, { workerId: runner.workerId, runs: finished }, () => '');
      return 0;
    } finally {
      await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
      await ctx.close();
    }
  },
};
