import { BACKEND_NAMES } from '@classfit/core/tensor';
import {
  ARCHITECTURES,
  blackLevel,
  buildNetwork,
  DATASETS,
  initTrainingBackend,
  loadDataset,
  saveModel,
  selectionOf,
  trainClassifier,
} from '@classfit/core/models';
import type { CliCommand } from '../command.ts';
import { JSON_FLAG, jsonUsage, printResult } from '../output.ts';
import { UsageError } from '../command.ts';
import { choiceOption, integerOption, parseCommandLine } from '../parse-options.ts';
import { createProgressBar } from '../progress.ts';

const usage = `Usage: classfit train --dataset fashion-mnist --arch resnet18|resnet10|plain [options]

Trains a network from scratch (SGD + Nesterov momentum, one-cycle LR, random
crops and flips) and saves it in the TensorFlow.js layers format.

Options:
  --dataset NAME      ${DATASETS.join(' | ')} (shipped, no download)
  --arch NAME         ${ARCHITECTURES.join(' | ')}
  --width W           stage-1 channels; stages have W, 2W, 4W, 8W (default 8)
  --epochs N          epochs (default 4)
  --batch-size B      mini-batch size (default 32)
  --train-size N      training examples, class-stratified (default 2000)
  --test-size N       held-out examples (default 1000)
  --seed S            seed of the data subset, initialisation and training (default 0)
  --no-augment        no random crops or flips
  --noise-std S       Gaussian input noise σ after normalisation (default 0; 0.5 for CERTIFY base nets)
  --out DIR           directory for model.json + weights.bin (default models/<arch>-w<W>)
  --backend NAME      auto | ${BACKEND_NAMES.join(' | ')} (default CLASSFIT_BACKEND or auto)
${jsonUsage(22)}`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      dataset: { type: 'string' },
      arch: { type: 'string' },
      width: { type: 'string' },
      epochs: { type: 'string' },
      'batch-size': { type: 'string' },
      'train-size': { type: 'string' },
      'test-size': { type: 'string' },
      seed: { type: 'string' },
      'no-augment': { type: 'boolean' },
      'noise-std': { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
      ...JSON_FLAG,
    });
    const arch = choiceOption(values.arch, 'arch', ARCHITECTURES) ?? 'resnet18';
    const width = integerOption(values.width, 'width', 1, 512) ?? 8;
    const epochs = integerOption(values.epochs, 'epochs', 1, 10_000) ?? 4;
    const seed = integerOption(values.seed, 'seed', 0) ?? 0;
    const out = values.out ?? `models/${arch}-w${width}`;
    const backend = await initTrainingBackend(values.backend);
    const data = await loadDataset(choiceOption(values.dataset, 'dataset', DATASETS) ?? 'fashion-mnist', {
      trainSize: integerOption(values['train-size'], 'train-size', 1) ?? 2000,
      testSize: integerOption(values['test-size'], 'test-size', 1) ?? 1000,
      seed,
    });
    const network = buildNetwork({ arch, width, inputShape: data.imageShape, numClasses: data.classNames.length, seed });
    const augment = !values['no-augment'];
    const noiseStd = values['noise-std'] === undefined ? 0 : Number(values['noise-std']);
    if (!(noiseStd >= 0)) throw new UsageError(`--noise-std must be ≥ 0, got "${values['noise-std']}"`);
    const progress = createProgressBar(`train ${arch}`, epochs);
    const result = await trainClassifier(
      network,
      data.train,
      {
        epochs,
        batchSize: integerOption(values['batch-size'], 'batch-size', 1) ?? 32,
        augmentPad: augment ? 2 : 0,
        augmentFlip: augment,
        padValue: blackLevel(data),
        noiseStd,
        seed,
        onProgress: (p) => {
          if (p.kind === 'batch') progress.update(p.epoch + (p.batch + 1) / p.batches, `loss ${p.loss.toFixed(3)} · ${p.examplesPerSecond.toFixed(0)} img/s`);
          else progress.update(p.epoch + 1, `loss ${p.loss.toFixed(3)} · train acc ${p.accuracy.toFixed(3)} · held-out acc ${p.heldOutAccuracy.toFixed(3)}`);
        },
      },
      data.test,
    );
    progress.finish(`held-out accuracy ${result.heldOutAccuracy.toFixed(3)}`);
    await saveModel(network, out, {
      dataset: selectionOf(data),
      classNames: data.classNames,
      normalization: data.normalization,
      backend: backend.name,
      training: { ...result.options, history: result.history, heldOutAccuracy: result.heldOutAccuracy, seconds: result.seconds },
    });
    const perThousand = (1000 * result.seconds) / (result.trainExamples * epochs);
    printResult(
      values.json,
      {
        out, arch, width, epochs, trainExamples: result.trainExamples, testExamples: data.test.size, seconds: result.seconds, backend: backend.name,
        heldOutAccuracy: result.heldOutAccuracy, history: result.history,
      },
      () =>
        `wrote ${out}\n${arch} width ${width} · ${result.trainExamples} images × ${epochs} epochs in ${result.seconds.toFixed(1)} s (${perThousand.toFixed(1)} s per epoch per 1,000 images) · backend ${backend.name}\n` +
        `held-out accuracy ${result.heldOutAccuracy.toFixed(4)} on ${data.test.size} images`,
    );
    network.model.dispose();
    return 0;
  },
};
