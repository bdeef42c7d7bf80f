/**
 * Where an import's files are: the authors' folder layout discovered by name,
 * or explicit per-layer files. Only paths here; reading and checking happen in
 * `validate-import.ts`.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ValidationError } from '../errors.ts';
import type { SubsetName } from './subset-selection.ts';

/**
 * One layer's activation file. Naming rule (README "Layer names"): `name` is the display name — `stage<i+1>`
 * for the authors' `avg_pooling_<i>_acts.npy`, or the NAME of `--layer NAME=FILE` — and `sourceName` is the
 * file's own name without `_acts.npy` / `.npy` (`avg_pooling_<i>`, or e.g. `relu4` for `relu4.npy`).
 */
export interface LayerSource {
  /** Display name, unique within the model, e.g. `stage1`. */
  readonly name: string;
  /** The activation file's name without `_acts.npy` / `.npy`, e.g. `avg_pooling_0`. */
  readonly sourceName: string;
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
  /**
   * Authors' `class_indices_split.json`: list c holds the rows of class c, either of the activations themselves or
   * of the rows left after deleting the generative-classification test sets (docs/method.md); gives the labels when
   * no other file does, and is checked against them otherwise.
   */
  readonly classSplitPath?: string;
  /** `meta.json` (written by `classfit_client.export_activations`): architecture, seed, accuracy, examples. */
  readonly metaPath?: string;
  /** Files and folders of an authors' folder that no field above names, relative to it (folders end in `/`). */
  readonly unusedFiles?: readonly string[];
}

const STAGE_FILE = /^avg_pooling_(\d+)_acts\.npy$/;
const SPLIT_FOLDERS = { kl: 'dkls', genclass: 'generative_classification' } as const;
const CLASS_SPLIT_FILE = 'class_indices_split.json';
const META_FILE = 'meta.json';
const CLASS_NAME_FILES = ['class_names.json', 'classes.json', 'class_names.txt', 'classes.txt'];
const KL_FILES: Record<SubsetName, string> = { least: 'least_mem_class_split.json', most: 'most_mem_class_split.json', random: 'random_class_split.json' };
const GENCLASS_FILES: Record<SubsetName, string> = { least: 'least_memorized.json', most: 'most_memorized.json', random: 'random.json' };

/** The entries of `folder` (sub-folders marked with a trailing `/`); none when it is not a readable folder. */
async function listEntries(folder: string): Promise<Set<string>> {
  try {
    return new Set((await readdir(folder, { withFileTypes: true })).map((e) => (e.isDirectory() ? `${e.name}/` : e.name)));
  } catch {
    return new Set();
  }
}

/** Throws a {@link ValidationError} naming `folder` unless it is an existing directory. */
async function requireFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    const message = info.code === 'ENOENT' ? 'no such folder' : `cannot read the folder (${info.code ?? info.message})`;
    throw new ValidationError([{ field: folder, message }], 'cannot import');
  }
  if (!info.isDirectory()) {
    throw new ValidationError([{ field: folder, message: "is a file, not a folder: give the folder that holds avg_pooling_<stage>_acts.npy, or use --layer NAME=FILE" }], 'cannot import');
  }
}

/**
 * Discovers the authors' layout in `folder`: `avg_pooling_<stage>_acts.npy` (stage 0..3 → `stage1..4`),
 * `labels.npy`, `mem_scores.npz`, a class-names file, `images.npy`, `meta.json`, and split files
 * (`*_class_split.json`, `*_memorized.json`, `random.json`, `class_indices_split.json`) either beside them or in
 * `dkls/` and `generative_classification/` sub-folders. Optional files that are missing are simply absent here;
 * everything present that is not used is listed in `unusedFiles`. A folder that does not exist is a
 * {@link ValidationError}.
 */
export async function discoverAuthorsLayout(folder: string): Promise<ImportSource> {
  await requireFolder(folder);
  const entries = await listEntries(folder);
  const sub = { kl: await listEntries(join(folder, SPLIT_FOLDERS.kl)), genclass: await listEntries(join(folder, SPLIT_FOLDERS.genclass)) };
  const used = new Set<string>();
  /** `name` beside the activations, else in the sub-folder; marked used. */
  const find = (name: string, folderOf?: keyof typeof SPLIT_FOLDERS): string | undefined => {
    if (entries.has(name)) {
      used.add(name);
      return join(folder, name);
    }
    if (folderOf && sub[folderOf].has(name)) {
      used.add(`${SPLIT_FOLDERS[folderOf]}/${name}`);
      return join(folder, SPLIT_FOLDERS[folderOf], name);
    }
    return undefined;
  };
  const findAll = (names: Record<SubsetName, string>, folderOf: keyof typeof SPLIT_FOLDERS): Partial<Record<SubsetName, string>> =>
    Object.fromEntries((Object.entries(names) as [SubsetName, string][]).map(([subset, name]) => [subset, find(name, folderOf)]).filter(([, path]) => path));
  const stages = [...entries]
    .map((f) => STAGE_FILE.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ stage: Number(m[1]), file: m[0] }))
    .sort((a, b) => a.stage - b.stage);
  for (const s of stages) used.add(s.file);
  const stageCount = Math.max(4, ...stages.map((s) => s.stage + 1));
  const classNames = CLASS_NAME_FILES.find((f) => entries.has(f));
  const source: ImportSource = {
    layers: stages.map((s) => ({
      name: `stage${s.stage + 1}`, sourceName: `avg_pooling_${s.stage}`, index: s.stage, relativeDepth: (s.stage + 1) / stageCount, path: join(folder, s.file),
    })),
    labelsPath: find('labels.npy'),
    memorizationPath: find('mem_scores.npz'),
    classNamesPath: classNames ? find(classNames) : undefined,
    imagesPath: find('images.npy'),
    klSplitPaths: findAll(KL_FILES, 'kl'),
    genclassPaths: findAll(GENCLASS_FILES, 'genclass'),
    classSplitPath: find(CLASS_SPLIT_FILE, 'genclass'),
    metaPath: find(META_FILE),
  };
  const subFolders = new Set(Object.values(SPLIT_FOLDERS).map((name) => `${name}/`));
  const unused = [
    ...[...entries].filter((e) => !used.has(e) && !subFolders.has(e)),
    ...(Object.keys(SPLIT_FOLDERS) as (keyof typeof SPLIT_FOLDERS)[]).flatMap((k) => [...sub[k]].map((e) => `${SPLIT_FOLDERS[k]}/${e}`)),
  ].filter((e) => !used.has(e));
  return { ...source, unusedFiles: unused.sort() };
}

/** The naming rule's source name of an explicit activation file: its name without `_acts.npy` or `.npy`. */
export function sourceNameOf(path: string): string {
  return basename(path).replace(/(_acts)?\.npy$/i, '');
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
    layers: input.layers.map((l, i) => ({ name: l.name, sourceName: sourceNameOf(l.path), index: i, relativeDepth: (i + 1) / input.layers.length, path: l.path })),
    labelsPath: input.labelsPath,
    memorizationPath: input.memorizationPath,
    classNamesPath: input.classNamesPath,
    imagesPath: input.imagesPath,
    klSplitPaths: input.klSplitPaths ?? {},
    genclassPaths: input.genclassPaths ?? {},
  };
}
