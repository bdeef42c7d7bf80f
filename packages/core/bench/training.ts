/**
 * Measures the demo's network work on this machine: training time per epoch per
 * 1,000 images and held-out accuracy per architecture (trained in parallel worker
 * threads, as the demo does), extraction time, and the memorization estimate's cost.
 * Usage: npx tsx bench/training.ts [--train-size N] [--epochs E] [--width W] [--models M] [--mem-arch A] [--mem-epochs E] [--skip-memorization]
 * Prints one JSON object (paste the numbers into src/models/DEMO_CONFIG.md). Besides wall time it
 * records the process's CPU seconds per phase (all threads): on a shared machine wall time
 * depends on the others' load, while CPU seconds / cores estimates the unloaded wall time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ArchitectureName } from '../src/models/index.ts';
import { blackLevel, demoConfig, estimateMemorization, extractStageActivations, initTrainingBackend, loadFashionMnist, loadModel, runTrainingJobs } from '../src/models/index.ts';

const { values } = parseArgs({
  options: {
    'train-size': { type: 'string' },
    epochs: { type: 'string' },
    width: { type: 'string' },
    models: { type: 'string' },
    'mem-arch': { type: 'string' },
    'mem-epochs': { type: 'string' },
    augment: { type: 'boolean' },
    'skip-memorization': { type: 'boolean' },
  },
});
const cfg = demoConfig;
const trainSize = Number(values['train-size'] ?? cfg.trainSize);
const epochs = Number(values.epochs ?? cfg.epochs);
const width = Number(values.width ?? cfg.width);
const augment = values.augment ?? cfg.augment;
const report: Record<string, unknown> = { trainSize, testSize: cfg.testSize, epochs, width, augment, loadBefore: loadavg()[0] };

const started = performance.now();
let t = performance.now();
let cpu = process.cpuUsage();
/** CPU seconds (user + system, all threads of this process) since the last call. */
const cpuSeconds = (): number => {
  const delta = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  return (delta.user + delta.system) / 1e6;
};
const data = await loadFashionMnist({ trainSize, testSize: cfg.testSize, seed: cfg.seed });
report.loadSeconds = (performance.now() - t) / 1000;
cpuSeconds();
const directory = await mkdtemp(path.join(tmpdir(), 'classfit-bench-'));
const trainOptions = { epochs, batchSize: cfg.batchSize, augmentPad: augment ? 2 : 0, augmentFlip: augment, padValue: blackLevel(data), seed: cfg.seed };
t = performance.now();
const trained = await runTrainingJobs(
  cfg.architectures.map((arch) => ({
    spec: { arch, width, inputShape: data.imageShape, numClasses: 10, seed: cfg.seed },
    options: { ...trainOptions, evaluateEveryEpoch: false },
    saveDirectory: path.join(directory, arch),
  })),
  { train: data.train, heldOut: data.test },
  { workers: cfg.workers, backend: 'wasm' },
);
report.trainingWallSeconds = (performance.now() - t) / 1000;
report.trainingCpuSeconds = cpuSeconds();
report.architectures = cfg.architectures.map((arch, k) => ({
  arch,
  seconds: trained[k].result.seconds,
  secondsPerEpochPer1000: (1000 * trained[k].result.seconds) / (trainSize * epochs),
  heldOutAccuracy: trained[k].result.heldOutAccuracy,
  trainAccuracy: trained[k].result.history.at(-1)?.accuracy,
}));

await initTrainingBackend('wasm');
t = performance.now();
for (const arch of cfg.architectures) {
  const network = await loadModel(path.join(directory, arch));
  await extractStageActivations(network, data.train.images);
  network.model.dispose();
}
report.extractionSeconds = (performance.now() - t) / 1000;
report.extractionCpuSeconds = cpuSeconds();

if (!values['skip-memorization']) {
  const mem = { ...cfg.memorization, arch: (values['mem-arch'] ?? cfg.memorization.arch) as ArchitectureName, epochs: Number(values['mem-epochs'] ?? cfg.memorization.epochs) };
  const models = Number(values.models ?? mem.models);
  t = performance.now();
  const result = await estimateMemorization(
    data.train,
    {
      spec: { arch: mem.arch, width: mem.width, inputShape: data.imageShape, numClasses: 10, seed: cfg.seed },
      train: { ...trainOptions, epochs: mem.epochs },
      models,
      subsetFraction: mem.subsetFraction,
      seed: cfg.seed,
      workers: cfg.workers,
      backend: 'wasm',
    },
    data.test,
  );
  const finite = (a: Float32Array) => Array.from(a).filter(Number.isFinite);
  const mean = (a: readonly number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  report.memorization = {
    ...mem,
    models,
    seconds: (performance.now() - t) / 1000,
    cpuSeconds: cpuSeconds(),
    meanMem: mean(finite(result.mem)),
    meanSe: mean(finite(result.se)),
    fractionAbove05: finite(result.mem).filter((v) => v > 0.5).length / trainSize,
    meanHeldOutAccuracy: mean(result.heldOutAccuracies),
  };
}
report.totalSeconds = (performance.now() - started) / 1000;
report.loadAfter = loadavg()[0];
await rm(directory, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
process.exit(0);
