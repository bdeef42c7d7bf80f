/** `classfit certify-model`: certify a subsample of every density bin of a model and store the radii (thin shell over the service). */
import { createAppContext } from '../../context/app-context.ts';
import { certifyModelExamples } from '../../services/certify-model.ts';
import { CancelledError, NotFoundError, ValidationError } from '../../services/errors.ts';
import type { CertifyModelOptionsInput } from '../../services/robustness/certify-options.ts';
import type { CliCommand } from '../command.ts';
import { JSON_FLAG, jsonUsage, printResult } from '../output.ts';
import { UsageError } from '../command.ts';
import { integerOption, parseCommandLine, requiredString } from '../parse-options.ts';
import { createProgressBar, type ProgressBar } from '../progress.ts';

const usage = `Usage: classfit certify-model --model <id|name> --network DIR [options]

Certified robustness per density bin (docs/method.md H.4): draws a seeded subsample of every density bin of
the model's latest succeeded analysis (deepest layer unless --layer), runs Cohen et al.'s CERTIFY on
those examples with the base network in DIR, and stores radius, abstention and smoothed prediction per
example in one transaction. The network must have been trained on the split the model's examples are
rows of (its model.json records the data set; classfit train --noise 0.5 for a smoothing base net).
Re-running skips examples already stored with the same settings; other settings replace every result.

Options:
  --model ID|NAME   the model (required)
  --network DIR     base network directory: model.json + weights.bin (required)
  --per-bin K       examples per density bin (default 10)
  --layer NAME      layer whose bins are sampled (default the deepest analysed one)
  --n0 N            selection samples (default 100)
  --n N             estimation samples (default 1000; the paper used 100000)
  --alpha A         failure probability (default 0.001)
  --sigma S         noise s.d. in normalised-input units (default 0.5)
  --seed S          subsample and noise seed (default 0)
  --recompute       certify again examples already stored with these settings
${jsonUsage(20)}`;

function numberOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new UsageError(`--${flag} must be a number, got "${value}"`);
  return parsed;
}

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      model: { type: 'string' }, network: { type: 'string' }, 'per-bin': { type: 'string' }, layer: { type: 'string' },
      n0: { type: 'string' }, n: { type: 'string' }, alpha: { type: 'string' }, sigma: { type: 'string' }, seed: { type: 'string' },
      recompute: { type: 'boolean' }, ...JSON_FLAG,
    });
    const input: CertifyModelOptionsInput = {
      model: requiredString(values.model, 'model'),
      networkDir: requiredString(values.network, 'network'),
      perBin: integerOption(values['per-bin'], 'per-bin', 1),
      layer: values.layer,
      n0: integerOption(values.n0, 'n0', 1),
      n: integerOption(values.n, 'n', 1),
      alpha: numberOption(values.alpha, 'alpha'),
      sigma: numberOption(values.sigma, 'sigma'),
      seed: integerOption(values.seed, 'seed', 0),
      recompute: values.recompute || undefined,
    };
    const ctx = await createAppContext();
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    let bar: ProgressBar | undefined;
    try {
      const result = await certifyModelExamples(ctx, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as CertifyModelOptionsInput, {
        signal: controller.signal,
        onProgress: (done, total) => (bar ??= createProgressBar('certify', total)).update(done),
      }).catch((error: unknown) => {
        if (error instanceof ValidationError || error instanceof NotFoundError) throw new UsageError(error.message);
        if (error instanceof CancelledError) return null;
        throw error;
      });
      if (!result) {
        process.stderr.write('interrupted; nothing stored\n');
        return 130;
      }
      bar?.finish();
      const c = result.certification;
      printResult(
        values.json,
        {
          model: { id: result.model.id, name: result.model.name }, runId: result.runId, layer: result.layer, bins: result.bins, selected: result.selected,
          certified: result.certified, skipped: result.skipped, abstained: result.abstained, seconds: result.ms / 1000,
          certification: { sigma: c.sigma, n0: c.n0, n: c.n, alpha: c.alpha, exampleCount: c.exampleCount },
        },
        () =>
          `${result.model.name}: ${result.certified} examples certified, ${result.skipped} already stored (${result.selected} drawn from ${result.bins} bins of ${result.layer}, run ${result.runId}) ` +
          `in ${(result.ms / 1000).toFixed(1)} s · abstained ${result.abstained} · σ ${c.sigma}, n0 ${c.n0}, n ${c.n}, α ${c.alpha} · ${c.exampleCount} examples stored`,
      );
      return 0;
    } finally {
      process.off('SIGINT', stop);
      await ctx.close();
    }
  },
};
