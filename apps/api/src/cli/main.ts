/**
 * `classfit` command-line entry: dispatches to one lazily-imported module per
 * verb under `commands/`. The summaries live here so `--help` loads no command
 * (and none of TensorFlow.js). Bad input exits 2 with a one-line reason.
 */
import type { CliCommand } from './command.ts';
import { UsageError } from './command.ts';
import { installParentWatch } from './stop-signals.ts';
import { cliVersion } from './version.ts';

const commands: Record<string, { summary: string; load: () => Promise<{ command: CliCommand }> }> = {
  fit: { summary: 'fit per-class DP-GMM densities to one layer → predictive file', load: () => import('./commands/fit.ts') },
  score: { summary: 'score points under a predictive file → log p(x | class) .npy', load: () => import('./commands/score.ts') },
  import: { summary: 'import a model\'s layer activations (authors\' layout or explicit .npy files)', load: () => import('./commands/import.ts') },
  analyze: { summary: 'fit and analyse a model\'s layers (resumable job with progress)', load: () => import('./commands/analyze.ts') },
  worker: { summary: 'run queued analysis jobs (resumes jobs of dead workers)', load: () => import('./commands/worker.ts') },
  serve: { summary: 'serve the GraphQL API, exports and an in-process worker', load: () => import('./commands/serve.ts') },
  train: { summary: 'train a ResNet or plain CNN on a shipped data set → tfjs model directory', load: () => import('./commands/train.ts') },
  extract: { summary: 'extract pooled stage activations of a trained model → .npy files', load: () => import('./commands/extract.ts') },
  memorization: { summary: 'estimate per-example memorization scores from subset-trained models → mem_scores.npz', load: () => import('./commands/memorization.ts') },
  certify: { summary: 'certify l2 robustness radii by randomized smoothing (CERTIFY) → .npz', load: () => import('./commands/certify.ts') },
  'certify-model': { summary: 'certify a subsample of every density bin of a model (randomized smoothing) → stored radii', load: () => import('./commands/certify-model.ts') },
  demo: { summary: 'train, analyse and serve the Fashion-MNIST demo (API + dashboard)', load: () => import('./commands/demo.ts') },
  user: { summary: 'add users and grant roles (viewer, editor, admin) per project, on the local store', load: () => import('./commands/user.ts') },
  token: { summary: 'create, list and revoke API tokens (shown once, stored as a hash)', load: () => import('./commands/token.ts') },
  report: { summary: "print an analysed model's findings per layer (Markdown or JSON; --per-class adds every class)", load: () => import('./commands/report.ts') },
  findings: { summary: "the README's findings, computed from the demo models' reports (print, --check, --update)", load: () => import('./commands/findings.ts') },
  export: { summary: "write one results table of a model (class fits, example scores, KL…) as CSV, JSON or .npy", load: () => import('./commands/export.ts') },
};

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(16)}${summary}`);
    process.stdout.write(
      `Usage: classfit <command> [options]\n       classfit --version [--json]\n\nCommands:\n${lines.join('\n')}\n\n` +
        `Run classfit <command> --help for a command's options; --json prints a command's results as one JSON document.\n`,
    );
    return 0;
  }
  if (verb === '--version') {
    const version = cliVersion();
    process.stdout.write(rest.includes('--json') ? `${JSON.stringify({ name: 'classfit', version, node: process.versions.node })}\n` : `classfit ${version}\n`);
    return 0;
  }
  const entry = Object.hasOwn(commands, verb) ? commands[verb] : undefined;
  if (!entry) throw new UsageError(`unknown command "${verb}" (try classfit --help)`);
  installParentWatch();
  const { command } = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  // Core reads no environment: the backend choice comes from the one validated environment module.
  const [{ getEnv }, { setBackendPreference }] = await Promise.all([import('../env.ts'), import('@classfit/core/tensor')]);
  setBackendPreference(getEnv().CLASSFIT_BACKEND);
  return command.run(rest);
}

/** CLASSFIT_DEBUG, read through the one environment module (loaded only on error); an invalid environment prints no stack. */
async function debugEnabled(): Promise<boolean> {
  try {
    return (await import('../env.ts')).getEnv().CLASSFIT_DEBUG;
  } catch {
    return false;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (error: unknown) => {
    const err = error as Error;
    const known = err instanceof UsageError || err?.name === 'InvalidArgumentError' || err?.name === 'AccessRefusedError';
    const [{ connectionLossMessage }, { errorText }] = await Promise.all([import('@classfit/db'), import('./error-text.ts')]);
    process.stderr.write(`classfit: ${connectionLossMessage(error) ?? errorText(error)}
`);
    if (!known && (await debugEnabled())) process.stderr.write(`${err?.stack}\n`);
    process.exit(known ? 2 : 1);
  },
);
