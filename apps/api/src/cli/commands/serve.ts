/**
 * `classfit serve`: the GraphQL API (HTTP and graphql-ws on /graphql, CSV/JSON exports, /healthz) with an
 * in-process worker that runs queued analyses; prints the URL and runs until SIGINT/SIGTERM.
 */
import { initBackend } from '@classfit/core/tensor';
import { createAppContext } from '../../context/app-context.ts';
import { getEnv } from '../../env.ts';
import { createQueueJobControl } from '../../graphql/job-control.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { defaultTasks } from '../../jobs/tasks/index.ts';
import { startApiServer } from '../../server/create-server.ts';
import type { CliCommand } from '../command.ts';
import { integerOption, parseCommandLine } from '../parse-options.ts';

const usage = `Usage: classfit serve [--port N] [--host H] [--no-worker]

Serves the classfit GraphQL API for the dashboard and scripts:
  http://<host>:<port>/graphql        queries and mutations (POST/GET); subscriptions over graphql-ws (same URL)
  http://<host>:<port>/export/<t>.csv unsampled CSV/JSON of a table (models, class-fits, example-scores, …)
  http://<host>:<port>/healthz        database engine and compute backend

Options:
  --port N      port to listen on (default $PORT or 4000; 0 picks a free one)
  --host H      address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --no-worker   do not run queued analyses in this process (leave them to \`classfit worker\`)

Environment: DATABASE_URL (PostgreSQL; embedded PGlite when unset), CLASSFIT_HOME, CLASSFIT_BACKEND,
CLASSFIT_CORS_ORIGINS (browser origins allowed; default the dashboard on port 3000).`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, { port: { type: 'string' }, host: { type: 'string' }, 'no-worker': { type: 'boolean' } });
    const env = getEnv();
    const port = integerOption(values.port, 'port', 0, 65535) ?? env.PORT;
    const host = values.host ?? '127.0.0.1';
    const app = await createAppContext();
    const backend = await initBackend(app.backendPreference);
    app.log(`backend: ${backend.name}${backend.fellBackFrom.length ? ` (skipped: ${backend.fellBackFrom.join('; ')})` : ''}`);
    const runner = values['no-worker']
      ? undefined
      : createJobRunner(app, {
          tasks: defaultTasks,
          staleMs: env.CLASSFIT_JOB_STALE_SECONDS * 1000,
          onFinished: (run, outcome, detail) => app.log(`run ${run.id} (model ${run.modelId}): ${outcome}${outcome === 'failed' ? `: ${(detail as Error)?.message}` : ''}`),
        });
    const server = await startApiServer({
      app,
      port,
      host,
      corsOrigins: env.CLASSFIT_CORS_ORIGINS,
      backend: () => backend,
      jobs: createQueueJobControl(app, () => runner?.wake()),
    });
    await runner?.start();
    process.stdout.write(`classfit API listening on ${server.url}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    app.log('stopping: the running job (if any) is handed back to the queue');
    await runner?.stop();
    await server.stop();
    await app.close();
    return 0;
  },
};
