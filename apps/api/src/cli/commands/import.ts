/** `classfit import`: a thin shell over the import-model service. */
import { resolve } from 'node:path';
import { createAppContext } from '../../context/app-context.ts';
import { ValidationError } from '../../services/errors.ts';
import { importModel, type ImportModelInput } from '../../services/import-model.ts';
import { explicitSource } from '../../services/import/source-layout.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { integerOption, parseCommandLine, requiredString } from '../parse-options.ts';

const usage = `Usage:
  classfit import <folder> --name NAME [options]          the authors' layout: avg_pooling_<stage>_acts.npy,
                                                          labels.npy and/or mem_scores.npz (tr_mem, tr_labels),
                                                          optional class_names.{json,txt}, images.npy, dkls/ and
                                                          generative_classification/ split files
  classfit import --layer NAME=FILE.npy [--layer …] --labels y.npy --name NAME [options]

Options:
  --name NAME            unique model name (required)
  --architecture NAME    e.g. resnet18 (default), resnet50
  --dataset NAME         e.g. cifar100 (default), mini_imagenet
  --project NAME         project (default "default")
  --seed N               the network's training seed
  --accuracy X           test accuracy, a fraction in [0, 1]
  --tags a,b             comma-separated tags
  --notes TEXT           free text
  --labels FILE          labels .npy [n] (explicit files)
  --memorization FILE    mem_scores.npz (tr_mem) or scores .npy [n] (explicit files)
  --class-names FILE     JSON list or text, one name per line (explicit files)
  --images FILE          example images .npy, uint8 [n, h, w] or [n, h, w, c], c = 1 or 3 (explicit files)

Everything is checked before anything is stored; all problems are reported together.`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, {
      name: { type: 'string' }, architecture: { type: 'string' }, dataset: { type: 'string' }, project: { type: 'string' },
      seed: { type: 'string' }, accuracy: { type: 'string' }, tags: { type: 'string' }, notes: { type: 'string' },
      layer: { type: 'string', multiple: true }, labels: { type: 'string' }, memorization: { type: 'string' }, 'class-names': { type: 'string' },
      images: { type: 'string' },
    }, true);
    const name = requiredString(values.name, 'name');
    if (positionals.length > 1) throw new UsageError(`expected one folder, got ${positionals.length}: ${positionals.join(' ')}`);
    if ((positionals.length === 1) === (values.layer !== undefined)) throw new UsageError('give either a folder or --layer NAME=FILE options');
    const accuracy = values.accuracy === undefined ? undefined : Number(values.accuracy);
    if (accuracy !== undefined && !Number.isFinite(accuracy)) throw new UsageError(`--accuracy must be a number, got "${values.accuracy}"`);
    const source: ImportModelInput['source'] = positionals.length === 1
      ? { folder: resolve(positionals[0]) }
      : explicitSource({
          layers: values.layer!.map((spec) => {
            const eq = spec.indexOf('=');
            if (eq <= 0) throw new UsageError(`--layer must be NAME=FILE.npy, got "${spec}"`);
            return { name: spec.slice(0, eq), path: resolve(spec.slice(eq + 1)) };
          }),
          labelsPath: values.labels && resolve(values.labels),
          memorizationPath: values.memorization && resolve(values.memorization),
          classNamesPath: values['class-names'] && resolve(values['class-names']),
          imagesPath: values.images && resolve(values.images),
        });
    const ctx = await createAppContext();
    try {
      const result = await importModel(ctx, {
        name, source, accuracy, notes: values.notes,
        architecture: values.architecture, dataset: values.dataset, project: values.project,
        seed: integerOption(values.seed, 'seed', 0),
        tags: values.tags?.split(',').map((t) => t.trim()).filter(Boolean),
      });
      for (const w of result.warnings) process.stderr.write(`warning: ${w.field}: ${w.message}\n`);
      const layers = result.layers.map((l) => `${l.name} (${l.dim}-d)`).join(', ');
      process.stdout.write(`imported model "${result.model.name}" (id ${result.model.id}): ${result.exampleCount} examples, ${result.classCount} classes, layers ${layers}\n`);
      for (const s of result.subsets) {
        process.stdout.write(`  ${s.purpose} subset ${s.name}: ${s.examples} examples${s.classes !== undefined ? ` in ${s.classes} classes` : ''} (${s.source})\n`);
      }
      return 0;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const p of error.problems) process.stderr.write(`  - ${p.field}: ${p.message}\n`);
      throw new UsageError(`cannot import: ${error.problems.length} problem${error.problems.length > 1 ? 's' : ''} (listed above); nothing was stored`);
    } finally {
      await ctx.close();
    }
  },
};
