import { getBackendInfo } from '@classfit/core/tensor';
import type { CliCommand } from '../command.ts';
import { choiceOption, integerOption, parseCommandLine, requiredString } from '../parse-options.ts';
import { createProgressBar } from '../progress.ts';
import { fitFiles } from '../../services/fit-files.ts';

const usage = `Usage: classfit fit --activations X.npy --labels y.npy --out fit.json [options]

Fits one Dirichlet-process Gaussian mixture per class (block collapsed Gibbs
sampling, paper-parity defaults) and writes the classfit.predictive/v1 file.

Options:
  --activations FILE    [n, D] float32/float64 .npy of one layer's activations
  --labels FILE         [n] integer .npy of class labels
  --out FILE            predictive file to write (JSON)
  --reduce K            SVD-reduce to K dimensions first (no centring; stored in the file)
  --class-names FILE    JSON list (index = label) or object {label: name}
  --iterations N        sweeps per chain (default 400)
  --burn-in N           first kept sweep (default 320)
  --thin N              keep every N-th sweep after burn-in (default 4 → 20 traces)
  --seed N              random seed (default 0)
  --chains C            independent chains per class (default 1; R-hat needs ≥ 2)
  --workers W           worker threads (default: CPU count)
  --trace-averaging M   log (paper code, default) | density (Eq. 3)
  --alpha-update M      paper (default) | textbook
  --weights M           paper (default) | crp
  --checkpoint FILE     resumable fit: checkpoints go here (every 25 sweeps and on Ctrl-C) and an
                        existing FILE is continued from; removed when the fit completes`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      activations: { type: 'string' },
      labels: { type: 'string' },
      out: { type: 'string' },
      reduce: { type: 'string' },
      'class-names': { type: 'string' },
      iterations: { type: 'string' },
      'burn-in': { type: 'string' },
      thin: { type: 'string' },
      seed: { type: 'string' },
      chains: { type: 'string' },
      workers: { type: 'string' },
      'trace-averaging': { type: 'string' },
      'alpha-update': { type: 'string' },
      weights: { type: 'string' },
      checkpoint: { type: 'string' },
    });
    const iterations = integerOption(values.iterations, 'iterations', 1) ?? 400;
    const burnIn = integerOption(values['burn-in'], 'burn-in', 0) ?? Math.min(320, Math.floor(iterations * 0.8));
    const progress = createProgressBar('fit', iterations);
    const abort = new AbortController();
    const interrupt = () => abort.abort();
    process.once('SIGINT', interrupt);
    const summary = await fitFiles({
      checkpointPath: values.checkpoint,
      checkpointEverySweeps: 25,
      signal: abort.signal,
      activationsPath: requiredString(values.activations, 'activations'),
      labelsPath: requiredString(values.labels, 'labels'),
      outPath: requiredString(values.out, 'out'),
      reduce: integerOption(values.reduce, 'reduce', 1),
      classNamesPath: values['class-names'],
      fit: {
        iterations,
        burnIn,
        thin: integerOption(values.thin, 'thin', 1),
        seed: integerOption(values.seed, 'seed', 0),
        chains: integerOption(values.chains, 'chains', 1, 64),
        workers: integerOption(values.workers, 'workers', 1, 256),
        variants: {
          traceAveraging: choiceOption(values['trace-averaging'], 'trace-averaging', ['log', 'density'] as const),
          alphaUpdate: choiceOption(values['alpha-update'], 'alpha-update', ['paper', 'textbook'] as const),
          mixtureWeights: choiceOption(values.weights, 'weights', ['paper', 'crp'] as const),
        },
      },
      onProgress: (p) =>
        progress.update(p.sweep, `${p.classCount} classes × ${p.chains} chain(s) · ${p.meanClusters.toFixed(1)} clusters · ${p.sweepsPerSecond.toFixed(2)} sweeps/s`),
    }).catch((error: unknown) => {
      if ((error as Error).name === 'AbortError' && values.checkpoint) {
        process.stderr.write(`\ninterrupted: checkpoint saved to ${values.checkpoint}; run the same command to resume\n`);
        process.exit(130);
      }
      throw error;
    }).finally(() => process.off('SIGINT', interrupt));
    progress.finish();
    const clusters = summary.classes.map((c) => c.meanClusters);
    const lines = [
      `wrote ${values.out}${summary.resumedFromSweep !== null ? ` (resumed from sweep ${summary.resumedFromSweep})` : ''}`,
      `examples ${summary.n} · classes ${summary.classes.length} · dim ${summary.dim}${summary.rawDim !== summary.dim ? ` (SVD from ${summary.rawDim}, ${(100 * (summary.varianceCaptured ?? 0)).toFixed(1)}% of uncentred variance)` : ''}`,
      `clusters per class (mean over kept traces): min ${Math.min(...clusters).toFixed(1)} · mean ${(clusters.reduce((a, b) => a + b, 0) / clusters.length).toFixed(1)} · max ${Math.max(...clusters).toFixed(1)}`,
      `time ${(summary.totalMs / 1000).toFixed(1)} s · ${summary.perSweepMs.toFixed(1)} ms per sweep · ${summary.workers} worker(s) · sampler: typed-array kernels${getBackendInfo() ? ` · tfjs backend ${getBackendInfo()!.name}` : ''}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
