/**
 * `classfit demo` (`npm run demo`): prepares the Fashion-MNIST demo models (trains, estimates
 * memorization, imports, analyses — or reuses what is stored), then serves the API and the
 * dashboard until Ctrl-C.
 */
import { fileURLToPath } from 'node:url';
import { createAppContext } from '../../context/app-context.ts';
import { startChildServer } from '../demo/child-servers.ts';
import { ensureDashboardBuild, nextBin, webDir } from '../demo/web-build.ts';
import { createDemoReporterForCli } from '../demo/terminal-reporter.ts';
import { formatDuration } from '../progress.ts';
import { DEFAULT_DEMO_PLAN, runDemo } from '../demo/run-demo.ts';
import { DemoInterrupted } from '../demo/import-and-analyze.ts';
import type { CliCommand } from '../command.ts';
import { JSON_FLAG, printResult } from '../output.ts';
import { integerOption, parseCommandLine } from '../parse-options.ts';
import { onStopRequest } from '../stop-signals.ts';

const usage = `Usage: classfit demo [--port 4000] [--web-port 3000] [--prepare-only] [--json]

Trains small ResNet-18, ResNet-10 and plain-CNN networks on the Fashion-MNIST images shipped in
the \`fashion-mnist\` npm package, estimates memorization, analyses all four stages of each, then
serves the GraphQL API and the dashboard. Everything is stored under $CLASSFIT_HOME (default
.classfit/); a second run reuses it and starts in seconds.

Options:
  --port N          API port (default 4000)
  --web-port N      dashboard port (default 3000)
  --prepare-only    compute and store the demo models, then exit (no servers)
  --json            print the models (and, when serving, the URLs) as one JSON line; the servers' own
                    output goes to stderr`;

const bin = fileURLToPath(new URL('../../../bin/classfit.mjs', import.meta.url));

async function waitForHttp(url: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal.aborted) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, { port: { type: 'string' }, 'web-port': { type: 'string' }, 'prepare-only': { type: 'boolean' }, ...JSON_FLAG });
    const port = integerOption(values.port, 'port', 1, 65535) ?? 4000;
    const webPort = integerOption(values['web-port'], 'web-port', 1, 65535) ?? 3000;
    const started = Date.now();
    const report = createDemoReporterForCli();

    const preparing = new AbortController();
    const unregisterPreparing = onStopRequest(() => {
      process.stderr.write('\nstopping after the current step (what is done is kept; a second Ctrl-C stops at once)\n');
      preparing.abort();
    });
    const ctx = await createAppContext({ ownStore: true });
    let models: readonly string[];
    try {
      ({ models } = await runDemo(ctx, report, DEFAULT_DEMO_PLAN, preparing.signal));
    } catch (error) {
      if (!(error instanceof DemoInterrupted)) throw error;
      process.stderr.write(`demo stopped: ${error.message}\n`);
      return 130;
    } finally {
      unregisterPreparing();
      await ctx.close();
    }
    report.note(`demo models ready in ${formatDuration(Date.now() - started)}`);
    if (values['prepare-only']) {
      if (values.json) printResult(true, { models, seconds: (Date.now() - started) / 1000 }, () => '', true);
      return 0;
    }

    const stop = new AbortController();
    const unregister = onStopRequest(() => stop.abort());
    try {
      const build = await ensureDashboardBuild({
        signal: stop.signal,
        // With --json stdout carries only the result: the build's output is collected (and shown if it fails).
        stdio: values.json ? 'pipe' : 'inherit',
        onBuild: (reason) => report.step(`Building the dashboard (${reason})`),
      }).catch((error: unknown) => {
        if (stop.signal.aborted) return undefined;
        throw error;
      });
      if (!build) return 130;
      if (build.reused) report.note(`dashboard: reusing the build of ${build.builtAt} (sources unchanged, key ${build.key.slice(0, 12)})`);
      else report.note(`dashboard built in ${formatDuration(build.ms)} (key ${build.key.slice(0, 12)}; reused until its sources change)`);
      if (stop.signal.aborted) return 130;

      report.step('Serving');
      const apiUrl = `http://127.0.0.1:${port}/graphql`;
      const servers = [
        startChildServer('API', [bin, 'serve', '--port', String(port)], {
          env: { CLASSFIT_CORS_ORIGINS: `http://127.0.0.1:${webPort},http://localhost:${webPort}` },
          stdoutToStderr: values.json,
        }),
        startChildServer('dashboard', [nextBin, 'start', '-p', String(webPort), '-H', '127.0.0.1'], {
          cwd: webDir,
          env: { CLASSFIT_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
          stdoutToStderr: values.json,
        }),
      ];
      // Either server exiting on its own ends the demo too (after stopping the other).
      let failed: string | undefined;
      for (const server of servers) {
        void server.exited.then((code) => {
          if (stop.signal.aborted) return;
          failed = `${server.label} exited (${code})`;
          stop.abort();
        });
      }
      const ready = (await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, stop.signal)) && (await waitForHttp(`http://127.0.0.1:${webPort}/`, 60_000, stop.signal));
      if (!stop.signal.aborted) {
        printResult(
          values.json,
          { models, dashboard: `http://127.0.0.1:${webPort}/`, graphql: apiUrl, ready, seconds: (Date.now() - started) / 1000 },
          () =>
            `\n${ready ? 'classfit demo is up' : 'classfit demo is starting (a server is slow to answer)'} after ${formatDuration(Date.now() - started)}\n` +
            `  dashboard  http://127.0.0.1:${webPort}/\n  GraphQL    ${apiUrl}\n\nPress Ctrl-C to stop.`,
          true,
        );
        await new Promise((resolve) => stop.signal.addEventListener('abort', resolve, { once: true }));
      }
      process.stderr.write(failed ? `${failed}; stopping the demo\n` : 'stopping the demo: dashboard, then API (it closes the store)\n');
      await servers[1].stop();
      await servers[0].stop();
      return failed ? 1 : 0;
    } finally {
      unregister();
    }
  },
};
