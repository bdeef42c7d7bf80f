/** `classfit import`: a thin shell over the import-model service. */
import { resolve } from 'node:path';
import { createAppContext } from '../../context/app-context.ts';
import { ValidationError } from '../../services/errors.ts';
import { importModel, type ImportModelInput, type ImportModelResult } from '../../services/import-model.ts';
import { explicitSource } from '../../services/import/source-layout.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { JSON_FLAG, jsonUsage, printResult } from '../output.ts';
import { integerOption, parseCommandLine, requiredString } from '../parse-options.ts';
import { importToServer } from '../remote-import.ts';
import { getEnv } from '../../env.ts';

const usage = `Usage:
  classfit import <folder> --name NAME [options]          the authors' layout: avg_pooling_<stage>_acts.npy,
                                                          labels.npy and/or mem_scores.npz (tr_mem, tr_labels),
                                                          optional class_names.{json,txt}, images.npy, dkls/ and
                                                          generative_classification/ split files
  classfit import --layer NAME=FILE.npy [--layer …] --labels y.npy --name NAME [options]
  classfit import --server URL [--token T] <folder> --name NAME [options]
                                                          uploads the folder to a classfit server (any machine;
                                                          the editor role there) and imports it; prints its
                                                          dashboard URL

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
  --server URL           the classfit server to upload to (e.g. http://gpu-box:4000)
  --token T              its API token (default $CLASSFIT_TOKEN; \`classfit token create\` on the server)
  --upload ID            resume an interrupted upload: send only the files the server lacks
  --dashboard URL        the dashboard to link to (default the server's host, port 3000)
${jsonUsage(25)}

In a folder, meta.json (from classfit_client.export_activations) supplies --architecture, --dataset, --seed and
--accuracy when they are not given; generative_classification/class_indices_split.json is checked against the
labels, or supplies them when neither labels.npy nor tr_labels exists. Files the import does not read are listed.
Layers are named stage<i+1> for avg_pooling_<i>_acts.npy (or NAME for --layer NAME=FILE); the file's own name
(avg_pooling_<i>) is kept as the layer's source name.

Everything is checked before anything is stored; all problems are reported together.`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, {
      name: { type: 'string' }, architecture: { type: 'string' }, dataset: { type: 'string' }, project: { type: 'string' },
      seed: { type: 'string' }, accuracy: { type: 'string' }, tags: { type: 'string' }, notes: { type: 'string' },
      layer: { type: 'string', multiple: true }, labels: { type: 'string' }, memorization: { type: 'string' }, 'class-names': { type: 'string' },
      images: { type: 'string' }, server: { type: 'string' }, token: { type: 'string' }, upload: { type: 'string' }, dashboard: { type: 'string' },
      ...JSON_FLAG,
    }, true);
    const name = requiredString(values.name, 'name');
    if (positionals.length > 1) throw new UsageError(`expected one folder, got ${positionals.length}: ${positionals.join(' ')}`);
    if ((positionals.length === 1) === (values.layer !== undefined)) throw new UsageError('give either a folder or --layer NAME=FILE options');
    const accuracy = values.accuracy === undefined ? undefined : Number(values.accuracy);
    if (accuracy !== undefined && !Number.isFinite(accuracy)) throw new UsageError(`--accuracy must be a number, got "${values.accuracy}"`);
    if (values.server !== undefined) {
      if (positionals.length !== 1) throw new UsageError('--server uploads a folder: give the folder (not --layer files)');
      const model = {
        name, architecture: values.architecture, dataset: values.dataset, project: values.project, accuracy, notes: values.notes,
        seed: integerOption(values.seed, 'seed', 0), tags: values.tags?.split(',').map((t) => t.trim()).filter(Boolean),
      };
      return importToServer({
        server: values.server, token: values.token ?? getEnv().CLASSFIT_TOKEN, folder: resolve(positionals[0]), upload: values.upload,
        dashboard: values.dashboard, model: Object.fromEntries(Object.entries(model).filter(([, v]) => v !== undefined)),
        log: (line) => process.stderr.write(`${line}\n`),
        json: values.json,
      });
    }
    for (const remoteOnly of ['token', 'upload', 'dashboard'] as const) if (values[remoteOnly] !== undefined) throw new UsageError(`--${remoteOnly} goes with --server`);
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
      printResult(values.json, importSummary(result), () => importText(result));
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

/** The `--json` document: what was stored, where everything came from, what was left unread. */
function importSummary(result: ImportModelResult) {
  const { model } = result;
  return {
    model: { id: model.id, name: model.name, architecture: result.architecture, dataset: result.dataset, seed: model.seed, accuracy: model.accuracy, tags: model.tags },
    exampleCount: result.exampleCount,
    classCount: result.classCount,
    labelsFrom: result.labelsFrom,
    layers: result.layers.map((l) => ({ name: l.name, sourceName: l.sourceName, index: l.index, relativeDepth: l.relativeDepth, dim: l.dim })),
    subsets: result.subsets,
    fromMeta: result.fromMeta,
    unusedFiles: result.unusedFiles,
    warnings: result.warnings,
  };
}

function importText(result: ImportModelResult): string {
  const layers = result.layers.map((l) => `${l.name} (${l.dim}-d)`).join(', ');
  const lines = [`imported model "${result.model.name}" (id ${result.model.id}): ${result.exampleCount} examples, ${result.classCount} classes, layers ${layers}`];
  lines.push(`  layer names (display ← source): ${result.layers.map((l) => `${l.name} ← ${l.sourceName}`).join(', ')}`);
  lines.push(`  labels from ${result.labelsFrom}`);
  if (result.fromMeta.length > 0) {
    const value: Record<string, unknown> = { architecture: result.architecture, dataset: result.dataset, seed: result.model.seed, accuracy: result.model.accuracy };
    lines.push(`  from meta.json: ${result.fromMeta.map((f) => `${f} ${String(value[f])}`).join(', ')}`);
  }
  for (const s of result.subsets) {
    lines.push(`  ${s.purpose} subset ${s.name}: ${s.examples} examples${s.classes !== undefined ? ` in ${s.classes} classes` : ''} (${s.source})`);
  }
  if (result.unusedFiles.length > 0) lines.push(`  not used: ${result.unusedFiles.join(', ')}`);
  return lines.join('\n');
}
