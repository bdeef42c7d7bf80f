import path from 'node:path';
import { type DatasetSelection, extractStageActivations, initTrainingBackend, loadDataset, loadModel } from '@classfit/core/models';
import type { CliCommand } from '../command.ts';
import { choiceOption, integerOption, parseCommandLine, requiredString } from '../parse-options.ts';
import { createProgressBar } from '../progress.ts';
import { UsageError } from '../command.ts';
import { splitImages, writeAuthorsLayout } from '../../services/write-authors-layout.ts';

const usage = `Usage: classfit extract --model DIR [--split train|test] [--out DIR]

Runs a model saved by \`classfit train\` over the same data subset it was trained on
(test-time transform) and writes the four stage outputs, globally average-pooled,
in the authors' layout: avg_pooling_<0..3>_acts.npy [n, d] float32, labels.npy [n]
int32, classes.json (class names), layers.json (names, relative depths, widths) and
images.npy (uint8 pixels, for the dashboard's thumbnails).

Options:
  --model DIR        directory with model.json + weights.bin
  --split NAME       train (default) | test
  --batch-size B     examples per forward pass (default 256)
  --out DIR          output directory (default <model>/activations-<split>)
  --backend NAME     auto | tensorflow-gpu | tensorflow | wasm | cpu`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      model: { type: 'string' },
      split: { type: 'string' },
      'batch-size': { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
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
      info: { arch: network.spec.arch, width: network.spec.width, split },
    });
    process.stdout.write(`wrote ${out}: ${examples.size} examples · stages ${stages.map((s) => `${s.name} d=${s.channels}`).join(', ')}\n`);
    network.model.dispose();
    return 0;
  },
};
