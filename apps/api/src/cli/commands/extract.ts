import { BACKEND_NAMES } from '@classfit/core/tensor';
import path from 'node:path';
import { type DatasetSelection, extractStageActivations, initTrainingBackend, loadDataset, loadModel } from '@classfit/core/models';
import type { CliCommand } from '../command.ts';
import { JSON_FLAG, jsonUsage, printResult } from '../output.ts';
import { choiceOption, integerOption, parseCommandLine, requiredString } from '../parse-options.ts';
import { createProgressBar } from '../progress.ts';
import { UsageError } from '../command.ts';
import { splitImages, writeAuthorsLayout } from '../../services/write-authors-layout.ts';

const usage = `Usage: classfit extract --model DIR [--split train|test] [--out DIR]

Runs a model saved by \`classfit train\` over the same data subset it was trained on
(test-time transform) and writes the four stage outputs, globally average-pooled,
in the authors' layout: avg_pooling_<0..3>_acts.npy [n, d] float32, labels.npy [n]
int32, classes.json (class names), meta.json (architecture, dataset, seed and held-out
accuracy, which \`classfit import\` reads; stage names, relative depths, widths) and
images.npy (uint8 pixels, for the dashboard's thumbnails).

Options:
  --model DIR        directory with model.json + weights.bin
  --split NAME       train (default) | test
  --batch-size B     examples per forward pass (default 256)
  --out DIR          output directory (default <model>/activations-<split>)
  --backend NAME     auto | ${BACKEND_NAMES.join(' | ')}
${jsonUsage(21)}`;

/** The held-out accuracy `classfit train` stored with the network (`info.training.heldOutAccuracy`), if any. */
function heldOutAccuracy(info: Record<string, unknown>): number | undefined {
  const value = (info.training as { heldOutAccuracy?: unknown } | undefined)?.heldOutAccuracy;
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : undefined;
}

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      model: { type: 'string' },
      split: { type: 'string' },
      'batch-size': { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
      ...JSON_FLAG,
    });
    const modelDir = requiredString(values.model, 'model');
    const split = choiceOption(values.split, 'split', ['train', 'test'] as const) ?? 'train';
    const out = values.out ?? path.join(modelDir, `activations-${split}`);
    await initTrainingBackend(values.backend);
    const network = await loadModel(modelDir);
    const selection = network.info.dataset as DatasetSelection | undefined;
    if (!selection?.name) throw new UsageError(`${modelDir} records no dataset (train it with classfit train)`);
    const data = await loadDataset(selection.name, selection);
    const examples = data[split];
    const progress = createProgressBar(`extract ${split}`, examples.size);
    const stages = await extractStageActivations(network, examples.images, {
      batchSize: integerOption(values['batch-size'], 'batch-size', 1),
      onProgress: (done) => progress.update(done),
    });
    progress.finish();
    await writeAuthorsLayout(out, {
      stages,
      labels: examples.labels,
      classNames: data.classNames,
      images: splitImages(examples, data.imageShape),
      meta: {
        architecture: network.spec.arch, dataset: selection.name, seed: network.spec.seed, accuracy: heldOutAccuracy(network.info),
        width: network.spec.width, split,
      },
    });
    printResult(values.json, { out, split, examples: examples.size, stages: stages.map((s) => ({ name: s.name, dim: s.channels })) }, () =>
      `wrote ${out}: ${examples.size} examples · stages ${stages.map((s) => `${s.name} d=${s.channels}`).join(', ')}`);
    network.model.dispose();
    return 0;
  },
};
