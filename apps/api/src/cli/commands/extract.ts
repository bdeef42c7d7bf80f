import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeNpyFile } from '@classfit/core/io';
import { type DatasetSelection, extractStageActivations, initTrainingBackend, loadDataset, loadModel } from '@classfit/core/models';
import type { CliCommand } from '../command.ts';
import { choiceOption, integerOption, parseCommandLine, requiredString } from '../parse-options.ts';
import { createProgressBar } from '../progress.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: classfit extract --model DIR [--split train|test] [--out DIR]

Runs a model saved by \`classfit train\` over the same data subset it was trained on
(test-time transform) and writes the four stage outputs, globally average-pooled,
in the authors' layout: avg_pooling_<0..3>_acts.npy [n, d] float32, labels.npy [n]
int32, classes.json (class names) and layers.json (names, relative depths, widths).

Options:
  --model DIR        directory with model.json + weights.bin
  --split NAME       train (default) | test
  --batch-size B     examples per forward pass (default 256)
  --out DIR          output directory (default <model>/activations-<split>)
  --backend NAME     auto | tensorflow-gpu | tensorflow | wasm | cpu`;

export const command: CliCommand = {
  summary: 'extract pooled stage activations of a trained model → .npy files',
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
    await mkdir(out, { recursive: true });
    for (const stage of stages) {
      await writeNpyFile(path.join(out, `avg_pooling_${stage.index}_acts.npy`), { dtype: 'float32', shape: [examples.size, stage.channels], data: stage.activations });
    }
    await writeNpyFile(path.join(out, 'labels.npy'), { dtype: 'int32', shape: [examples.size], data: examples.labels });
    await writeFile(path.join(out, 'classes.json'), `${JSON.stringify(data.classNames)}\n`);
    const layers = stages.map(({ name, index, relativeDepth, channels }) => ({ name, index, relativeDepth, channels }));
    await writeFile(path.join(out, 'layers.json'), `${JSON.stringify({ arch: network.spec.arch, width: network.spec.width, split, layers }, null, 1)}\n`);
    process.stdout.write(`wrote ${out}: ${examples.size} examples · stages ${stages.map((s) => `${s.name} d=${s.channels}`).join(', ')}\n`);
    network.model.dispose();
    return 0;
  },
};
