/**
 * Reads every input of an import and checks it completely before anything is
 * written: all problems are collected and reported together (a
 * {@link ValidationError}); harmless oddities come back as warnings.
 */
import { createHash } from 'node:crypto';
import type { Problem } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import { defaultReducedDim } from '../analysis-options.ts';
import { readImages, type ValidatedImages } from './read-images.ts';
import { firstNonFinite, labelsFrom, parseNpy, readBytes, readClassNames, readIndexJson, readMemorization } from './read-inputs.ts';
import type { ImportSource, LayerSource } from './source-layout.ts';
import { SUBSET_NAMES, selectGenclassSubsets, selectKlSubsets, type SubsetName } from './subset-selection.ts';

/** A checked layer: its file's shape and content hash. */
export interface ValidatedLayer extends LayerSource {
  readonly n: number;
  readonly d: number;
  readonly sha256: string;
}

/** A memorization subset ready to store. */
export interface SubsetRecord {
  readonly purpose: 'kl' | 'genclass';
  readonly name: SubsetName;
  readonly source: 'file' | 'computed';
  readonly indices: number[];
  readonly classLabels?: number[];
  readonly perClass?: number[][];
}

/** Everything an import will write, checked. */
export interface ValidatedImport {
  readonly layers: readonly ValidatedLayer[];
  readonly n: number;
  readonly labels: Int32Array;
  readonly classCount: number;
  readonly classNames: readonly string[];
  readonly memorization: Float64Array | null;
  /** The example images, when the source has them. */
  readonly images: ValidatedImages | null;
  readonly subsets: readonly SubsetRecord[];
  readonly warnings: readonly Problem[];
}

/** Checks all inputs of `source`; throws {@link ValidationError} listing every problem. */
export async function validateImport(source: ImportSource): Promise<ValidatedImport> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (source.layers.length === 0) problems.push({ field: 'layers', message: 'no activation files found (expected avg_pooling_<stage>_acts.npy or explicit --layer files)' });

  const layers: ValidatedLayer[] = [];
  for (const layer of source.layers) {
    const bytes = await readBytes(layer.path, problems);
    const array = bytes && parseNpy(bytes, layer.path, problems);
    if (!bytes || !array) continue;
    if (array.shape.length !== 2 || array.shape[0] === 0 || array.shape[1] === 0) {
      problems.push({ field: layer.path, message: `activations must be [n, d] with n, d ≥ 1; got [${array.shape.join(', ')}]` });
      continue;
    }
    const bad = firstNonFinite(array);
    if (bad) problems.push({ field: layer.path, message: `activations must be finite; ${bad}` });
    layers.push({ ...layer, n: array.shape[0], d: array.shape[1], sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  const n = layers[0]?.n ?? 0;
  for (const layer of layers.slice(1)) {
    if (layer.n !== n) problems.push({ field: layer.path, message: `has ${layer.n} rows but ${layers[0].path} has ${n}; all layers must have one row per example` });
  }

  const memorization = source.memorizationPath ? await readMemorization(source.memorizationPath, problems) : { scores: null, labels: null };
  let labels: Int32Array | null = null;
  if (source.labelsPath) {
    const bytes = await readBytes(source.labelsPath, problems);
    const array = bytes && parseNpy(bytes, source.labelsPath, problems);
    labels = array ? labelsFrom(array, source.labelsPath, problems) : null;
    if (labels && memorization.labels && !sameLabels(labels, memorization.labels)) {
      problems.push({ field: source.labelsPath, message: `disagrees with tr_labels in ${source.memorizationPath}` });
    }
  } else if (memorization.labels) {
    labels = memorization.labels;
  } else if (!source.memorizationPath) {
    problems.push({ field: 'labels', message: 'no labels: provide labels.npy or mem_scores.npz with tr_labels' });
  }
  const labelField = source.labelsPath ?? `${source.memorizationPath}:tr_labels`;
  if (labels && layers.length > 0 && labels.length !== n) problems.push({ field: labelField, message: `has ${labels.length} labels but the activations have ${n} rows` });
  if (memorization.scores && layers.length > 0 && memorization.scores.length !== n) {
    problems.push({ field: `${source.memorizationPath}:tr_mem`, message: `has ${memorization.scores.length} scores but the activations have ${n} rows` });
  }
  const negative = labels?.findIndex((l) => l < 0) ?? -1;
  if (labels && negative >= 0) problems.push({ field: labelField, message: `labels must be ≥ 0; element ${negative} is ${labels[negative]}` });

  const images = source.imagesPath ? await readImages(source.imagesPath, layers.length > 0 ? n : null, problems) : null;

  const names = source.classNamesPath ? await readClassNames(source.classNamesPath, problems) : null;
  const maxLabel = labels && labels.length > 0 ? labels.reduce((a, b) => Math.max(a, b), 0) : -1;
  if (names && maxLabel >= names.length) {
    problems.push({ field: labelField, message: `label ${maxLabel} is out of range: ${source.classNamesPath} names ${names.length} classes` });
  }
  const classCount = Math.max(names?.length ?? 0, maxLabel + 1);

  const subsets = labels && labels.length === n ? await readSubsets(source, labels, memorization.scores, problems, warnings) : [];
  if (problems.length > 0) throw new ValidationError(problems, `cannot import (${problems.length} problem${problems.length > 1 ? 's' : ''})`);

  const counts = new Map<number, number>();
  for (const l of labels!) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (const layer of layers) {
    const k = defaultReducedDim(layer.index, source.layers.length, layer.d);
    const small = [...counts].filter(([, c]) => c < k).map(([label]) => label).sort((a, b) => a - b);
    if (small.length > 0) warnings.push({ field: layer.name, message: `${small.length} class(es) have fewer points than the reduced dimension ${k}: ${small.slice(0, 10).join(', ')}${small.length > 10 ? ', …' : ''}` });
  }
  const missing = Array.from({ length: classCount }, (_, c) => c).filter((c) => !counts.has(c));
  if (missing.length > 0) warnings.push({ field: 'labels', message: `${missing.length} class(es) have no examples: ${missing.slice(0, 10).join(', ')}` });

  return {
    layers,
    n,
    labels: labels!,
    classCount,
    classNames: Array.from({ length: classCount }, (_, c) => names?.[c] ?? `class_${c}`),
    memorization: memorization.scores,
    images,
    subsets,
    warnings,
  };
}

function sameLabels(a: Int32Array, b: Int32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

async function readSubsets(
  source: ImportSource,
  labels: Int32Array,
  memorization: Float64Array | null,
  problems: Problem[],
  warnings: Problem[],
): Promise<SubsetRecord[]> {
  const n = labels.length;
  const out: SubsetRecord[] = [];
  const computedKl = selectKlSubsets(memorization, labels);
  const computedGenclass = selectGenclassSubsets(memorization, n);
  for (const name of SUBSET_NAMES) {
    const klPath = source.klSplitPaths[name];
    if (klPath) {
      const lists = (await readIndexJson(klPath, 2, n, problems)) as number[][] | null;
      if (lists) {
        const impure = lists.findIndex((list) => list.some((i) => labels[i] !== labels[list[0]]));
        if (impure >= 0) problems.push({ field: klPath, message: `list ${impure} mixes classes; each list must hold one class` });
        const kept = lists.filter((l) => l.length > 0);
        out.push({ purpose: 'kl', name, source: 'file', indices: kept.flat(), classLabels: kept.map((l) => labels[l[0]]), perClass: kept });
      }
    } else if (computedKl[name]) {
      const { classLabels, perClass } = computedKl[name]!;
      out.push({ purpose: 'kl', name, source: 'computed', indices: perClass.flat(), classLabels, perClass });
    }
    const genclassPath = source.genclassPaths[name];
    if (genclassPath) {
      const indices = (await readIndexJson(genclassPath, 1, n, problems)) as number[] | null;
      if (indices) out.push({ purpose: 'genclass', name, source: 'file', indices: [...indices].sort((a, b) => a - b) });
    } else if (computedGenclass[name]) {
      out.push({ purpose: 'genclass', name, source: 'computed', indices: computedGenclass[name]! });
    }
  }
  const genclass = out.filter((s) => s.purpose === 'genclass');
  const seen = new Set<number>();
  for (const subset of genclass) {
    const overlap = subset.indices.filter((i) => seen.has(i)).length;
    if (overlap > 0) warnings.push({ field: `genclass:${subset.name}`, message: `${overlap} example(s) also in another held-out subset` });
    for (const i of subset.indices) seen.add(i);
  }
  return out;
}
