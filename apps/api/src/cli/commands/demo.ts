/**
 * `classfit demo` (`npm run demo`): prepares the Fashion-MNIST demo models (trains, estimates
 * memorization, imports, analyses — or reuses what is stored), then serves the API and the
 * dashboard until Ctrl-C.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAppContext } from '../../context/app-context.ts';
import { createDemoReporterForCli } from '../demo-reporter.ts';
import { formatDuration } from '../progress.ts';
import { runDemo } from '../../services/demo/run-demo.ts';
import type { CliCommand } from '../command.ts';
import { integerOption, parseCommandLine } from '../parse-options.ts';

const usage = `Usage: classfit demo [--port 4000] [--web-port 3000] [--prepare-only]

Trains small ResNet-18, ResNet-10 and plain-CNN networks on the Fashion-MNIST images shipped in
the \`fashion-mnist\` npm package, estimates memorization, analyses all four stages of each, then
serves the GraphQL API and the dashboard. Everything is stored under $CLASSFIT_HOME (default
.classfit/); a second run reuses it and starts in seconds.

Options:
  --port N          API port (default 4000)
  --web-port N      dashboard port (default 3000)
  --prepare-only    compute and store the demo models, then exit (no servers)`;

const bin = fileURLToPath(new URL('../../../bin/classfit.mjs', import.meta.url));
const webDir = fileURLToPath(new URL('../../../../web', import.meta.url));

function startChild(label: string, command: string, args: string[], env: Record<string, string>, cwd?: string): ChildProcess {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGTERM' && signal !== 'SIGINT') process.stderr.write(`${label} exited (${code ?? signal})\n`);
  });
  return child;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
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
    const { values } = parseCommandLine(argv, { port: { type: 'string' }, 'web-port': { type: 'string' }, 'prepare-only': { type: 'boolean' } });
    const port = integerOption(values.port, 'port', 1, 65535) ?? 4000;
    const webPort = integerOption(values['web-port'], 'web-port', 1, 65535) ?? 3000;
    const started = Date.now();
    const report = createDemoReporterForCli();

    const ctx = await createAppContext();
    try {
      await runDemo(ctx, report);
    } finally {
      await ctx.close();
    }
    report.note(`demo models ready in ${formatDuration(Date.now() - started)}`);
    if (values['prepare-only']) return 0;

    if (!existsSync(`${webDir}/.next/BUILD_ID`)) {
      report.step('Building the dashboard (first run only)');
      const build = spawnSync('npm', ['run', 'build'], { cwd: webDir, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
      if (build.status !== 0) throw new Error('next build failed (see above)');
    }

    report.step('Serving');
    const apiUrl = `http://127.0.0.1:${port}/graphql`;
    const children = [
      startChild('API', process.execPath, [bin, 'serve', '--port', String(port)], { CLASSFIT_CORS_ORIGINS: `http://127.0.0.1:${webPort},http://localhost:${webPort}` }),
      startChild('dashboard', 'npx', ['next', 'start', '-p', String(webPort), '-H', '127.0.0.1'], { CLASSFIT_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' }, webDir),
    ];
    const ready = (await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000)) && (await waitForHttp(`http://127.0.0.1:${webPort}/`, 60_000));
    process.stdout.write(
      `\n${ready ? 'classfit demo is up' : 'classfit demo is starting (a server is slow to answer)'} after ${formatDuration(Date.now() - started)}\n` +
        `  dashboard  http://127.0.0.1:${webPort}/\n  GraphQL    ${apiUrl}\n\nPress Ctrl-C to stop.\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    for (const child of children) child.kill('SIGTERM');
    return 0;
  },
};
