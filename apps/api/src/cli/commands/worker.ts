/** `classfit worker`: runs queued jobs from the database until stopped (SIGINT/SIGTERM hand the current job back). */
import { createAppContext } from '../../context/app-context.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { defaultTasks } from '../../jobs/tasks/index.ts';
import { getEnv } from '../../env.ts';
import type { CliCommand } from '../command.ts';
import { integerOption, parseCommandLine } from '../parse-options.ts';

const usage = `Usage: classfit worker [--once] [--poll-ms N] [--workers N]

Claims queued jobs (fit runs) from the database and runs them, one at a time. Any number of
workers can share one PostgreSQL (DATABASE_URL). On start, jobs whose worker stopped beating
(CLASSFIT_JOB_STALE_SECONDS) are re-queued and resume from their checkpoints.

Options:
  --once        exit when the queue is empty
  --poll-ms N   idle poll interval (default 2000)
  --workers N   sampler worker threads per job (default: all cores)`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, { once: { type: 'boolean' }, 'poll-ms': { type: 'string' }, workers: { type: 'string' } });
    const ctx = await createAppContext();
    const runner = createJobRunner(ctx, {
      tasks: defaultTasks,
      pollMs: integerOption(values['poll-ms'], 'poll-ms', 10),
      workers: integerOption(values.workers, 'workers', 1, 256),
      staleMs: getEnv().CLASSFIT_JOB_STALE_SECONDS * 1000,
      onFinished: (run, outcome, detail) =>
        ctx.log(`run ${run.id} (${run.task}, model ${run.modelId}): ${outcome}${outcome === 'failed' ? `: ${(detail as Error)?.message}` : ''}`),
    });
    ctx.log(`worker ${runner.workerId} ready`);
    try {
      if (values.once) {
        await runner.recover();
        await runner.runNext().then(async function drain(done): Promise<void> {
          if (done) await runner.runNext().then(drain);
        });
        return 0;
      }
      await runner.start();
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      ctx.log(`worker ${runner.workerId} stopping; the current job is handed back`);
      await runner.stop();
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
