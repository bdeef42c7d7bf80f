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
import { classSplitDisagreement, readClassSplit } from './class-split.ts';
import { firstNonFinite, labelsFrom, parseNpy, readBytes, readClassNames, readIndexJson, readMemorization, storedNpyBytes } from './read-inputs.ts';
import type { ImportSource, LayerSource } from './source-layout.ts';
import { SUBSET_NAMES, selectGenclassSubsets, selectKlSubsets, type SubsetName } from './subset-selection.ts';

/** A checked layer: its file's shape and the content hash of the bytes that will be stored. */
export interface ValidatedLayer extends LayerSource {
  readonly n: number;
  readonly d: number;
  /** sha256 of the stored form: the file itself, or its C-order little-endian rewrite when `converted` is set. */
  readonly sha256: string;
  /** What reading the file changed (e.g. "float16 → float32, Fortran order → C order"); unset for a native file. */
  readonly converted?: string;
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
  /** The file the labels came from (`<npz>:tr_labels` for the memorization file). */
  readonly labelsFrom: string;
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
  if (source.layers.length === 0) {
    const present = source.unusedFiles?.length ? `; the folder holds ${listed(source.unusedFiles)}` : '';
    problems.push({ field: 'layers', message: `no activation files found (expected avg_pooling_<stage>_acts.npy or explicit --layer files)${present}` });
  }

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
    const stored = storedNpyBytes(bytes, array);
    layers.push({ ...layer, n: array.shape[0], d: array.shape[1], sha256: createHash('sha256').update(stored).digest('hex'), converted: array.converted });
    if (array.converted) warnings.push({ field: layer.path, message: `read with conversion (${array.converted}); stored as C-order little-endian ${array.dtype}` });
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
  }
  let labelField = source.labelsPath ?? `${source.memorizationPath}:tr_labels`;
  const split = source.classSplitPath && layers.length > 0 ? await readClassSplit(source.classSplitPath, n, await heldOutRows(source, n), problems) : null;
  if (split && labels?.length === n) {
    const disagreement = classSplitDisagreement(split, labels, labelField);
    if (disagreement) problems.push({ field: source.classSplitPath!, message: disagreement });
  } else if (split && !labels && !source.labelsPath) {
    if (split.labelled === n) {
      labels = split.labels;
      labelField = source.classSplitPath!;
    } else {
      problems.push({
        field: source.classSplitPath!,
        message: `labels only the ${split.labelled} rows outside the held-out test sets; the other ${n - split.labelled} have no label: add labels.npy or mem_scores.npz with tr_labels`,
      });
    }
  } else if (!labels && !source.labelsPath && !source.classSplitPath && !(source.memorizationPath && memorization.scores === null)) {
    problems.push({ field: 'labels', message: 'no labels: provide labels.npy, mem_scores.npz with tr_labels, or class_indices_split.json' });
  }
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
    labelsFrom: labelField,
    classCount,
    classNames: Array.from({ length: classCount }, (_, c) => names?.[c] ?? `class_${c}`),
    memorization: memorization.scores,
    images,
    subsets,
    warnings,
  };
}

/** `names` for a message: the first ten, then how many more. */
function listed(names: readonly string[]): string {
  return names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
}

/** The union of the generative-classification test sets (indices into the n rows), or null when none ship or none read. */
async function heldOutRows(source: ImportSource, n: number): Promise<number[] | null> {
  const paths = Object.values(source.genclassPaths).filter((p): p is string => p !== undefined);
  if (paths.length === 0) return null;
  const rows = new Set<number>();
  // Their problems are reported where the sets themselves are read (readSubsets).
  for (const path of paths) for (const i of ((await readIndexJson(path, 1, n, [])) as number[] | null) ?? []) rows.add(i);
  return [...rows];
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
