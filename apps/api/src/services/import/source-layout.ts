/**
 * Where an import's files are: the authors' folder layout discovered by name,
 * or explicit per-layer files. Only paths here; reading and checking happen in
 * `validate-import.ts`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SubsetName } from './subset-selection.ts';

/** One layer's activation file. */
export interface LayerSource {
  /** Stable layer name, e.g. `stage1`. */
  readonly name: string;
  readonly index: number;
  /** Position along depth in (0, 1]. */
  readonly relativeDepth: number;
  readonly path: string;
}

/** Every file an import reads. */
export interface ImportSource {
  readonly layers: readonly LayerSource[];
  /** `.npy` labels [n]. */
  readonly labelsPath?: string;
  /** `.npz` with `tr_mem` (and maybe `tr_labels`), or a `.npy` of scores [n]. */
  readonly memorizationPath?: string;
  /** JSON list or text file with one class name per line. */
  readonly classNamesPath?: string;
  /** `.npy` uint8 example images [n, h, w] or [n, h, w, c], in the order of the activation rows. */
  readonly imagesPath?: string;
  /** Authors' KL split files (`<name>_class_split.json`), per subset. */
  readonly klSplitPaths: Partial<Record<SubsetName, string>>;
  /** Authors' generative-classification test sets (`<name>_memorized.json` / `random.json`), per subset. */
  readonly genclassPaths: Partial<Record<SubsetName, string>>;
}

const STAGE_FILE = /^avg_pooling_(\d+)_acts\.npy$/;
const CLASS_NAME_FILES = ['class_names.json', 'classes.json', 'class_names.txt', 'classes.txt'];
const KL_FILES: Record<SubsetName, string> = { least: 'least_mem_class_split.json', most: 'most_mem_class_split.json', random: 'random_class_split.json' };
const GENCLASS_FILES: Record<SubsetName, string> = { least: 'least_memorized.json', most: 'most_memorized.json', random: 'random.json' };

async function listFiles(folder: string): Promise<Set<string>> {
  try {
    return new Set(await readdir(folder));
  } catch {
    return new Set();
  }
}

/**
 * Discovers the authors' layout in `folder`: `avg_pooling_<stage>_acts.npy` (stage 0..3 → `stage1..4`),
 * `labels.npy`, `mem_scores.npz`, a class-names file, `images.npy`, and split files either beside them or in
 * `dkls/` and `generative_classification/` sub-folders. Missing files are simply absent here.
 */
export async function discoverAuthorsLayout(folder: string): Promise<ImportSource> {
  const files = await listFiles(folder);
  const stages = [...files]
    .map((f) => STAGE_FILE.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ stage: Number(m[1]), file: m[0] }))
    .sort((a, b) => a.stage - b.stage);
  const stageCount = Math.max(4, ...stages.map((s) => s.stage + 1));
  const findIn = async (names: Record<SubsetName, string>, sub: string): Promise<Partial<Record<SubsetName, string>>> => {
    const subFiles = await listFiles(join(folder, sub));
    const found: Partial<Record<SubsetName, string>> = {};
    for (const [subset, name] of Object.entries(names) as [SubsetName, string][]) {
      if (files.has(name)) found[subset] = join(folder, name);
      else if (subFiles.has(name)) found[subset] = join(folder, sub, name);
    }
    return found;
  };
  const classNames = CLASS_NAME_FILES.find((f) => files.has(f));
  return {
    layers: stages.map((s) => ({ name: `stage${s.stage + 1}`, index: s.stage, relativeDepth: (s.stage + 1) / stageCount, path: join(folder, s.file) })),
    labelsPath: files.has('labels.npy') ? join(folder, 'labels.npy') : undefined,
    memorizationPath: files.has('mem_scores.npz') ? join(folder, 'mem_scores.npz') : undefined,
    classNamesPath: classNames ? join(folder, classNames) : undefined,
    imagesPath: files.has('images.npy') ? join(folder, 'images.npy') : undefined,
    klSplitPaths: await findIn(KL_FILES, 'dkls'),
    genclassPaths: await findIn(GENCLASS_FILES, 'generative_classification'),
  };
}

/** Explicit files: layers named and ordered as given (relative depth (i+1)/L). */
export function explicitSource(input: {
  layers: readonly { name: string; path: string }[];
  labelsPath?: string;
  memorizationPath?: string;
  classNamesPath?: string;
  imagesPath?: string;
  klSplitPaths?: Partial<Record<SubsetName, string>>;
  genclassPaths?: Partial<Record<SubsetName, string>>;
}): ImportSource {
  return {
    layers: input.layers.map((l, i) => ({ name: l.name, index: i, relativeDepth: (i + 1) / input.layers.length, path: l.path })),
    labelsPath: input.labelsPath,
    memorizationPath: input.memorizationPath,
    classNamesPath: input.classNamesPath,
    imagesPath: input.imagesPath,
    klSplitPaths: input.klSplitPaths ?? {},
    genclassPaths: input.genclassPaths ?? {},
  };
}
