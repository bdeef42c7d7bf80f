/**
 * Demo step 1: train the demo networks on Fashion-MNIST (or reuse the ones
 * saved under $CLASSFIT_HOME/demo), estimate memorization, and write each
 * network's stage activations in the authors' layout for `importModel`.
 */
import { copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ArchitectureName,
  blackLevel,
  type DemoConfig,
  estimateMemorization,
  extractStageActivations,
  type ImageDataset,
  initTrainingBackend,
  loadModel,
  runTrainingJobs,
  selectionOf,
  type TrainingJob,
} from '@classfit/core/models';
import type { DemoPaths } from './demo-paths.ts';
import type { DemoReporter } from './demo-reporter.ts';
import { splitImages, writeAuthorsLayout } from '../../services/write-authors-layout.ts';
import { writeMemorizationScores } from '../../services/write-memorization-scores.ts';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Held-out accuracy recorded with a saved network (model.json metadata). */
/** The architecture name a demo network is imported under (`plaincnn` for the plain CNN). */
export function demoArchitectureName(arch: ArchitectureName): string {
  return arch === 'plain' ? 'plaincnn' : arch;
}

export async function savedAccuracy(networkDir: string): Promise<number | undefined> {
  const json = JSON.parse(await readFile(join(networkDir, 'model.json'), 'utf8')) as {
    userDefinedMetadata?: { classfit?: { info?: { training?: { heldOutAccuracy?: number } } } };
  };
  return json.userDefinedMetadata?.classfit?.info?.training?.heldOutAccuracy;
}

function trainingJob(arch: ArchitectureName, config: DemoConfig, data: ImageDataset, paths: DemoPaths): TrainingJob {
  return {
    spec: { arch, width: config.width, inputShape: data.imageShape, numClasses: data.classNames.length, seed: config.seed },
    options: {
      epochs: config.epochs,
      batchSize: config.batchSize,
      augmentPad: config.augment ? 2 : 0,
      augmentFlip: config.augment,
      padValue: blackLevel(data),
      seed: config.seed,
    },
    saveDirectory: paths.network(arch),
    info: { dataset: selectionOf(data), classNames: data.classNames, normalization: data.normalization, demo: true },
  };
}

/** Trains every demo architecture that has no saved network yet (in parallel worker threads). */
export async function trainDemoNetworks(config: DemoConfig, data: ImageDataset, paths: DemoPaths, report: DemoReporter): Promise<void> {
  const missing: ArchitectureName[] = [];
  for (const arch of config.architectures) if (!(await exists(join(paths.network(arch), 'model.json')))) missing.push(arch);
  if (missing.length === 0) return report.note(`networks: reusing ${config.architectures.join(', ')} from ${join(paths.root, 'networks')}`);
  const epochsTotal = missing.length * config.epochs;
  const done = new Array<number>(missing.length).fill(0);
  const bar = report.bar(`train ${missing.join(' + ')}`, epochsTotal);
  await runTrainingJobs(
    missing.map((arch) => trainingJob(arch, config, data, paths)),
    { train: data.train, heldOut: data.test },
    {
      workers: Math.min(config.workers, missing.length),
      onProgress: (index, p) => {
        done[index] = p.kind === 'batch' ? p.epoch + (p.batch + 1) / p.batches : p.epoch + 1;
        bar.update(Math.round(done.reduce((a, b) => a + b, 0) * 10) / 10, p.kind === 'epoch' ? `${missing[index]} epoch ${p.epoch + 1}: held-out acc ${p.heldOutAccuracy.toFixed(3)}` : undefined);
      },
    },
  );
  bar.finish();
}

/** Feldman–Zhang memorization scores of the demo training set (METHOD H.2), cached as mem_scores.npz. */
export async function estimateDemoMemorization(config: DemoConfig, data: ImageDataset, paths: DemoPaths, report: DemoReporter): Promise<void> {
  if (await exists(paths.memorization)) return report.note(`memorization: reusing ${paths.memorization}`);
  const m = config.memorization;
  const bar = report.bar(`memorization (${m.models} × ${m.arch} on ${Math.round(m.subsetFraction * 100)}% subsets)`, m.models);
  const result = await estimateMemorization(
    data.train,
    {
      spec: { arch: m.arch, width: m.width, inputShape: data.imageShape, numClasses: data.classNames.length, seed: config.seed },
      train: { epochs: m.epochs, batchSize: config.batchSize, augmentPad: config.augment ? 2 : 0, augmentFlip: config.augment, padValue: blackLevel(data), seed: config.seed },
      models: m.models,
      subsetFraction: m.subsetFraction,
      seed: config.seed,
      workers: config.workers,
      onProgress: (e) => bar.update(e.finished),
    },
    data.test,
  );
  bar.finish();
  await writeMemorizationScores(paths.memorization, result);
}

/**
 * Extracts pooled stage activations of every demo network into its authors'-layout folder, with the
 * training images as `images.npy` and the memorization scores. `mem_scores.npz` is written last, so a
 * folder that has it is complete; an interrupted one is written again.
 */
export async function extractDemoLayouts(config: DemoConfig, data: ImageDataset, paths: DemoPaths, report: DemoReporter): Promise<void> {
  const images = splitImages(data.train, data.imageShape);
  const pending: ArchitectureName[] = [];
  for (const arch of config.architectures) if (!(await exists(join(paths.layout(arch), 'mem_scores.npz')))) pending.push(arch);
  if (pending.length > 0) await initTrainingBackend();
  for (const arch of pending) {
    const folder = paths.layout(arch);
    const network = await loadModel(paths.network(arch));
    const bar = report.bar(`extract ${arch}`, data.train.size);
    const stages = await extractStageActivations(network, data.train.images, { onProgress: (n) => bar.update(n) });
    bar.finish();
    await writeAuthorsLayout(folder, {
      stages, labels: data.train.labels, classNames: data.classNames, images,
      meta: { architecture: demoArchitectureName(arch), dataset: config.dataset, seed: config.seed, accuracy: await savedAccuracy(paths.network(arch)), width: config.width, split: 'train' },
    });
    await copyFile(paths.memorization, join(folder, 'mem_scores.npz'));
    network.model.dispose();
  }
}
