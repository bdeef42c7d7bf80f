/**
 * `classfit` command-line entry: dispatches to one lazily-imported module per
 * verb under `commands/`. Bad input exits 2 with a one-line reason.
 */
import type { CliCommand } from './command.ts';
import { UsageError } from './command.ts';

const commands: Record<string, () => Promise<{ command: CliCommand }>> = {
  fit: () => import('./commands/fit.ts'),
  score: () => import('./commands/score.ts'),
  import: () => import('./commands/import.ts'),
  analyze: () => import('./commands/analyze.ts'),
  worker: () => import('./commands/worker.ts'),
  serve: () => import('./commands/serve.ts'),
  train: () => import('./commands/train.ts'),
  extract: () => import('./commands/extract.ts'),
  memorization: () => import('./commands/memorization.ts'),
  certify: () => import('./commands/certify.ts'),
  'certify-model': () => import('./commands/certify-model.ts'),
  demo: () => import('./commands/demo.ts'),
  report: () => import('./commands/report.ts'),
};

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    const lines = await Promise.all(
      Object.entries(commands).map(async ([name, load]) => `  ${name.padEnd(16)}${(await load()).command.summary}`),
    );
    process.stdout.write(`Usage: classfit <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun classfit <command> --help for a command's options.\n`);
    return 0;
  }
  const load = commands[verb];
  if (!load) throw new UsageError(`unknown command "${verb}" (try classfit --help)`);
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const err = error as Error;
    const known = err instanceof UsageError || err?.name === 'InvalidArgumentError';
    process.stderr.write(`classfit: ${err?.message ?? String(error)}\n`);
    if (!known && process.env.CLASSFIT_DEBUG) process.stderr.write(`${err?.stack}\n`);
    process.exit(known ? 2 : 1);
  },
);
