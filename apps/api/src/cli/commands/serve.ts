/**
 * `classfit serve`: the GraphQL API (HTTP and graphql-ws on /graphql, CSV/JSON exports, /healthz) with an
 * in-process worker that runs queued analyses; prints the URL and runs until SIGINT/SIGTERM. With DATABASE_URL,
 * analyses are queued as per-layer pg-boss jobs (any `classfit worker` pulls them; this process too, unless --no-worker).
 */
import { formatAdapter, initBackend } from '@classfit/core/tensor';
import { createAppContext } from '../../context/app-context.ts';
import { getEnv } from '../../env.ts';
import { createBossJobControl } from '../../jobs/boss/boss-job-control.ts';
import { createBossWorker } from '../../jobs/boss/boss-worker.ts';
import { openBoss } from '../../jobs/boss/boss.ts';
import { createQueueJobControl } from '../../jobs/job-control.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { defaultTasks } from '../../jobs/tasks/index.ts';
import { startApiServer } from '../../server/create-server.ts';
import type { CliCommand } from '../command.ts';
import { stopRequested } from '../stop-signals.ts';
import { JSON_FLAG, printResult } from '../output.ts';
import { integerOption, parseCommandLine } from '../parse-options.ts';

const usage = `Usage: classfit serve [--port N] [--host H] [--no-worker] [--insecure-open]

Serves the classfit GraphQL API for the dashboard and scripts:
  http://<host>:<port>/graphql        queries and mutations (POST/GET); subscriptions over graphql-ws (same URL)
  http://<host>:<port>/export/<t>.csv unsampled CSV/JSON of a table (models, class-fits, example-scores, …)
  http://<host>:<port>/uploads        files of a folder for importModel(input: { uploadId }) (classfit import --server)
  http://<host>:<port>/healthz        database engine and compute backend

Options:
  --port N      port to listen on (default $PORT or 4000; 0 picks a free one)
  --host H      address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --no-worker   do not run queued analyses in this process (leave them to \`classfit worker\`)
  --insecure-open  with no users configured, serve everyone as the owner even beyond loopback or on
                PostgreSQL (otherwise refused; add a user with \`classfit user add\` instead)
  --json        print the start-up line as JSON ({"url": …, "backend": …}) for scripts

Access: with no users and a loopback address (the default) every caller is the local owner; once a user
exists every request needs "Authorization: Bearer <token>" (\`classfit token create\`). The line it prints
at start-up says which.

Environment: DATABASE_URL (PostgreSQL; embedded PGlite when unset), CLASSFIT_HOME, CLASSFIT_BACKEND,
CLASSFIT_CORS_ORIGINS (browser origins allowed; default the dashboard on port 3000),
CLASSFIT_UPLOAD_MAX_FILE_BYTES / CLASSFIT_UPLOAD_MAX_BYTES (upload limits; default 4 GiB per file, 16 GiB per upload),
CLASSFIT_IMPORT_ROOTS (folders importModel(input: { path }) may read, ':'-separated; unset: none, except for the
local owner of a server running open on loopback).`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, { port: { type: 'string' }, host: { type: 'string' }, 'no-worker': { type: 'boolean' }, 'insecure-open': { type: 'boolean' }, ...JSON_FLAG });
    const env = getEnv();
    const port = integerOption(values.port, 'port', 0, 65535) ?? env.PORT;
    const host = values.host ?? '127.0.0.1';
    const app = await createAppContext({ ownStore: true });
    const backend = await initBackend(app.backendPreference);
    app.log(`backend: ${backend.name}${backend.adapter ? ` on ${formatAdapter(backend.adapter)}` : ''}${backend.fellBackFrom.length ? ` (skipped: ${backend.fellBackFrom.join('; ')})` : ''}`);
    const runner = values['no-worker']
      ? undefined
      : createJobRunner(app, {
          tasks: defaultTasks,
          staleMs: env.CLASSFIT_JOB_STALE_SECONDS * 1000,
          onFinished: (run, outcome, detail) => app.log(`run ${run.id} (model ${run.modelId}): ${outcome}${outcome === 'failed' ? `: ${(detail as Error)?.message}` : ''}`),
        });
    const boss = app.engine === 'postgres' && env.DATABASE_URL ? await openBoss(env.DATABASE_URL, { log: app.log }) : undefined;
    const layerWorker = boss && !values['no-worker']
      ? createBossWorker(app, boss, {
          staleMs: env.CLASSFIT_JOB_STALE_SECONDS * 1000,
          onFinished: (data, outcome, detail) => app.log(`run ${data.runId} layer ${data.layer}: ${outcome}${detail ? `: ${detail}` : ''}`),
        })
      : undefined;
    const server = await startApiServer({
      app,
      port,
      host,
      insecureOpen: values['insecure-open'],
      importRoots: env.CLASSFIT_IMPORT_ROOTS,
      uploadLimits: { maxFileBytes: env.CLASSFIT_UPLOAD_MAX_FILE_BYTES, maxUploadBytes: env.CLASSFIT_UPLOAD_MAX_BYTES },
      corsOrigins: env.CLASSFIT_CORS_ORIGINS,
      backend: () => backend,
      jobs: boss ? createBossJobControl(app, boss) : createQueueJobControl(app, () => runner?.wake()),
    });
    await runner?.start();
    await layerWorker?.start();
    printResult(values.json, { url: server.url, backend: backend.name, worker: runner !== undefined }, () => `classfit API listening on ${server.url}`, true);
    await stopRequested();
    app.log('stopping: the running job (if any) is handed back to the queue');
    await layerWorker?.stop();
    await runner?.stop();
    await server.stop();
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    await app.close();
    return 0;
  },
};
