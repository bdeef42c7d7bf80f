/**
 * Imports a trained model's layer activations (authors' layout or explicit
 * files) and, when given, its example images: validates EVERYTHING first and
 * reports all problems at once, then writes artifacts and, last, every row in
 * ONE transaction, so a failure leaves nothing visible.
 */
import { readFile } from 'node:fs/promises';
import { readNpy } from '@classfit/core/io';
import {
  getModelByName,
  insertLayers,
  insertModel,
  upsertArchitecture,
  upsertDataset,
  upsertDatasetClasses,
  upsertExamples,
  upsertMemorizationSubsets,
  upsertProject,
  type LayerRow,
  type ModelRow,
} from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';
import { ValidationError, type Problem } from './errors.ts';
import { mergeMeta, readMeta } from './import/read-meta.ts';
import { discoverAuthorsLayout, type ImportSource } from './import/source-layout.ts';
import { storedNpyBytes } from './import/read-inputs.ts';
import { validateImport, type SubsetRecord, type ValidatedImport } from './import/validate-import.ts';

/** What to import and how to label it. */
export interface ImportModelInput {
  /** Unique model name. */
  readonly name: string;
  /** Project name (default `default`). */
  readonly project?: string;
  /** e.g. `resnet18` (default); family and depth are parsed from it. */
  readonly architecture?: string;
  /** e.g. `cifar100` (default). */
  readonly dataset?: string;
  readonly seed?: number;
  /** Test accuracy as a fraction in [0, 1]. */
  readonly accuracy?: number;
  readonly tags?: readonly string[];
  readonly notes?: string;
  /** A folder in the authors' layout, or explicit files (see `explicitSource`). */
  readonly source: { readonly folder: string } | ImportSource;
}

/** What was stored. */
export interface ImportModelResult {
  readonly model: ModelRow;
  readonly layers: readonly LayerRow[];
  /** The architecture name stored (given, from meta.json, or the default). */
  readonly architecture: string;
  /** The dataset name stored (given, from meta.json, or the default). */
  readonly dataset: string;
  readonly exampleCount: number;
  readonly classCount: number;
  /** Where the labels came from (a file, or `<npz>:tr_labels`). */
  readonly labelsFrom: string;
  readonly subsets: readonly { purpose: string; name: string; source: string; examples: number; classes?: number }[];
  /** The fields taken from meta.json because none was given. */
  readonly fromMeta: readonly string[];
  /** Files of the folder that the import did not read, relative to it (folders end in `/`). */
  readonly unusedFiles: readonly string[];
  readonly warnings: readonly Problem[];
}

/** Splits `resnet18` into family `resnet` and depth 18 (depth null when the name has no trailing number). */
export function parseArchitecture(name: string): { family: string; depth: number | null } {
  const match = /^(.*?)[-_]?(\d+)$/.exec(name);
  return match && match[1] ? { family: match[1], depth: Number(match[2]) } : { family: name, depth: null };
}

function checkMetadata(input: Omit<ImportModelInput, 'source'>): Problem[] {
  const problems: Problem[] = [];
  if (!input.name.trim()) problems.push({ field: 'name', message: 'must not be empty' });
  if (input.accuracy !== undefined && !(input.accuracy >= 0 && input.accuracy <= 1)) {
    problems.push({ field: 'accuracy', message: `must be a fraction in [0, 1]; got ${input.accuracy}` });
  }
  if (input.seed !== undefined && !Number.isSafeInteger(input.seed)) problems.push({ field: 'seed', message: `must be an integer; got ${input.seed}` });
  for (const [field, value] of [['architecture', input.architecture], ['dataset', input.dataset], ['project', input.project]] as const) {
    if (value !== undefined && !/^[\w.-]+$/.test(value)) problems.push({ field, message: `must be letters, digits, ".", "_" or "-"; got "${value}"` });
  }
  return problems;
}

/** Validates and stores one model; throws {@link ValidationError} (nothing stored) on any bad input. */
export async function importModel(ctx: Pick<AppContext, 'db' | 'artifacts'>, input: ImportModelInput): Promise<ImportModelResult> {
  const source = 'folder' in input.source ? await discoverAuthorsLayout(input.source.folder) : input.source;
  const problems: Problem[] = [];
  const metaWarnings: Problem[] = [];
  const meta = source.metaPath ? await readMeta(source.metaPath, problems) : null;
  const { merged: labelled, fromMeta } = mergeMeta(input, meta, source.metaPath, metaWarnings);
  problems.push(...checkMetadata(labelled));
  if (input.name.trim() && (await getModelByName(ctx.db, input.name))) {
    problems.push({ field: 'name', message: `a model named "${input.name}" already exists` });
  }
  let validated: ValidatedImport | undefined;
  try {
    validated = await validateImport(source);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.problems);
  }
  if (validated && meta?.examples !== undefined && meta.examples !== validated.n) {
    problems.push({ field: `${source.metaPath}:examples`, message: `says ${meta.examples} examples but the activations have ${validated.n} rows` });
  }
  if (problems.length > 0 || !validated) throw new ValidationError(problems, `cannot import (${problems.length} problem${problems.length > 1 ? 's' : ''})`);
  const checked = validated;

  // Artifacts first; the ones this import created are removed again if the transaction fails.
  const created: string[] = [];
  const store = async (file: { path: string; sha256: string; converted?: string }): Promise<string> => {
    const read = new Uint8Array(await readFile(file.path));
    const bytes = file.converted ? storedNpyBytes(read, readNpy(read, file.path)) : read;
    const key = `${file.sha256}.npy`;
    const existed = await ctx.artifacts.has(key);
    if ((await ctx.artifacts.put(bytes, 'npy')) !== key) throw new Error(`${file.path} changed while it was being imported`);
    if (!existed) created.push(key);
    return key;
  };
  try {
    const activationKeys: string[] = [];
    for (const layer of checked.layers) activationKeys.push(await store(layer));
    const imagesKey = checked.images ? await store(checked.images) : null;
    const architecture = labelled.architecture ?? 'resnet18';
    const datasetName = labelled.dataset ?? 'cifar100';
    const result = await ctx.db.transaction(async (tx) => {
      const project = await upsertProject(tx, input.project ?? 'default');
      const dataset = await upsertDataset(tx, datasetName, checked.classCount);
      await upsertDatasetClasses(
        tx,
        dataset.id,
        checked.classNames.map((name, label) => ({ label, name })),
        { rename: source.classNamesPath !== undefined },
      );
      const arch = await upsertArchitecture(tx, { name: architecture, ...parseArchitecture(architecture) });
      const model = await insertModel(tx, {
        projectId: project.id,
        name: input.name,
        architectureId: arch.id,
        datasetId: dataset.id,
        seed: labelled.seed ?? null,
        accuracy: labelled.accuracy ?? null,
        tags: [...(input.tags ?? [])],
        notes: input.notes ?? null,
        imagesArtifact: imagesKey,
        imageShape: checked.images ? [...checked.images.shape] : null,
      });
      const layers = await insertLayers(
        tx,
        checked.layers.map((l, i) => ({
          modelId: model.id, name: l.name, sourceName: l.sourceName, index: l.index, relativeDepth: l.relativeDepth, dim: l.d, exampleCount: l.n, activationsArtifact: activationKeys[i],
        })),
      );
      await upsertExamples(
        tx,
        Array.from(checked.labels, (label, index) => ({ modelId: model.id, index, label, memorization: checked.memorization?.[index] ?? null })),
      );
      await upsertMemorizationSubsets(tx, checked.subsets.map((s) => subsetRow(model.id, s)));
      return { model, layers };
    });
    return {
      ...result,
      architecture,
      dataset: datasetName,
      exampleCount: checked.n,
      classCount: checked.classCount,
      labelsFrom: checked.labelsFrom,
      subsets: checked.subsets.map((s) => ({ purpose: s.purpose, name: s.name, source: s.source, examples: s.indices.length, classes: s.classLabels?.length })),
      fromMeta,
      unusedFiles: source.unusedFiles ?? [],
      warnings: [...metaWarnings, ...checked.warnings],
    };
  } catch (error) {
    await Promise.all(created.map((key) => ctx.artifacts.remove(key)));
    throw error;
  }
}

function subsetRow(modelId: number, s: SubsetRecord) {
  return { modelId, purpose: s.purpose, name: s.name, source: s.source, indices: s.indices, classLabels: s.classLabels ?? null, perClass: s.perClass ?? null };
}
