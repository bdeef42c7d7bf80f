import { fitOptionsObject, fitOptionsSchema } from '@classfit/core/dpgmm';
import { getBackendInfo } from '@classfit/core/tensor';
import type { CliCommand } from '../command.ts';
import { onStopRequest } from '../stop-signals.ts';
import { JSON_FLAG, jsonUsage, printResult } from '../output.ts';
import { integerOption, parseCommandLine, requiredString } from '../parse-options.ts';
import { SAMPLER_FLAGS } from '../sampler-flags.ts';
import { checkFlags, flagOptions, flagUsage, optionsFromFlags, type SchemaFlag } from '../schema-flags.ts';
import { createProgressBar } from '../progress.ts';
import { fitFiles } from '../../services/fit-files.ts';

/** Flags that set fit options: the sampler's, workers and the named variants (METHOD L). */
const FIT_FLAGS: readonly SchemaFlag[] = [
  { flag: 'sampler', field: 'sampler', help: "collapsed: block collapsed Gibbs, the paper's; subcluster: Chang & Fisher's split/merge sampler (same model and prior)", placeholder: 'S' },
  ...SAMPLER_FLAGS,
  { flag: 'workers', field: 'workers', help: 'worker threads', defaultText: 'CPU count' },
  { flag: 'trace-averaging', field: 'variants.traceAveraging', help: 'log: paper code; density: Eq. 3' },
  { flag: 'alpha-update', field: 'variants.alphaUpdate', help: 'α update' },
  { flag: 'weights', field: 'variants.mixtureWeights', help: 'mixture weights' },
];

const usage = `Usage: classfit fit --activations X.npy --labels y.npy --out fit.json [options]

Fits one Dirichlet-process Gaussian mixture per class (block collapsed Gibbs
sampling, paper-parity defaults) and writes the classfit.predictive/v1 file.

Options:
  --activations FILE    [n, D] float16/32/64 .npy of one layer's activations (any byte order, C or Fortran)
  --labels FILE         [n] integer .npy of class labels
  --out FILE            predictive file to write: JSON (classfit.predictive/v1), or the binary
                        .npz form (classfit.predictive-arrays/v1) when FILE ends in .npz
  --reduce K            SVD-reduce to K dimensions first (no centring; stored in the file)
  --class-names FILE    JSON list (index = label) or object {label: name}
${flagUsage(fitOptionsObject.shape, FIT_FLAGS)}
  --checkpoint FILE     resumable fit: checkpoints go here (every 25 sweeps and on Ctrl-C) and an
                        existing FILE is continued from; removed when the fit completes
${jsonUsage(24)}`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      activations: { type: 'string' },
      labels: { type: 'string' },
      out: { type: 'string' },
      reduce: { type: 'string' },
      'class-names': { type: 'string' },
      ...flagOptions(FIT_FLAGS),
      checkpoint: { type: 'string' },
      ...JSON_FLAG,
    });
    const fit = checkFlags(fitOptionsSchema, FIT_FLAGS, optionsFromFlags(fitOptionsObject.shape, FIT_FLAGS, values));
    const progress = createProgressBar('fit', fitOptionsSchema.parse(fit).iterations);
    const abort = new AbortController();
    const unregister = onStopRequest(() => abort.abort());
    const summary = await fitFiles({
      checkpointPath: values.checkpoint,
      checkpointEverySweeps: 25,
      signal: abort.signal,
      activationsPath: requiredString(values.activations, 'activations'),
      labelsPath: requiredString(values.labels, 'labels'),
      outPath: requiredString(values.out, 'out'),
      reduce: integerOption(values.reduce, 'reduce', 1),
      classNamesPath: values['class-names'],
      fit,
      onProgress: (p) =>
        progress.update(p.sweep, `${p.classCount} classes × ${p.chains} chain(s) · ${p.meanClusters.toFixed(1)} clusters · ${p.sweepsPerSecond.toFixed(2)} sweeps/s`),
    }).catch((error: unknown) => {
      if ((error as Error).name === 'AbortError' && values.checkpoint) {
        process.stderr.write(`\ninterrupted: checkpoint saved to ${values.checkpoint}; run the same command to resume\n`);
        process.exit(130);
      }
      throw error;
    }).finally(unregister);
    progress.finish();
    const clusters = summary.classes.map((c) => c.meanClusters);
    const lines = [
      `wrote ${values.out}${summary.resumedFromSweep !== null ? ` (resumed from sweep ${summary.resumedFromSweep})` : ''}`,
      `examples ${summary.n} · classes ${summary.classes.length} · dim ${summary.dim}${summary.rawDim !== summary.dim ? ` (SVD from ${summary.rawDim}, ${(100 * (summary.varianceCaptured ?? 0)).toFixed(1)}% of uncentred variance)` : ''}`,
      `clusters per class (mean after burn-in): min ${Math.min(...clusters).toFixed(1)} · mean ${(clusters.reduce((a, b) => a + b, 0) / clusters.length).toFixed(1)} · max ${Math.max(...clusters).toFixed(1)}`,
      `time ${(summary.totalMs / 1000).toFixed(1)} s · ${summary.perSweepMs.toFixed(1)} ms per sweep · ${summary.workers} worker(s) · sampler: ${fitOptionsSchema.parse(fit).sampler} (typed-array kernels)${getBackendInfo() ? ` · tfjs backend ${getBackendInfo()!.name}` : ''}`,
    ];
    const backendName = getBackendInfo()?.name ?? null;
    printResult(values.json, { out: values.out, ...summary, backend: backendName }, () => lines.join('\n'));
    return 0;
  },
};
