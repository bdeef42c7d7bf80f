/**
 * Server-side paths for `importModel(input: { path })`: only folders under the configured import roots
 * (`CLASSFIT_IMPORT_ROOTS`), checked on the real path after resolving symbolic links, and only regular files in
 * them — no FIFOs, devices or sockets, no links that leave the root. Checked before anything is read; every
 * problem reported at once. Messages name what was given or what lies inside a root, never a path outside the
 * roots (where a link points is not said) and never file contents.
 *
 * The import then reads from a private folder of links to the checked real files, so replacing a link after the
 * check cannot redirect it (replacing the file itself between check and read is not guarded against).
 */
import type { Dirent } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, realpath, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ValidationError, type Problem } from '../errors.ts';
import { relabelProblems } from './relabel-paths.ts';

/** Where server paths may point: the roots, or anywhere (the local owner of a server running open on loopback). */
export type ImportRoots = readonly string[] | 'unrestricted';

/** The sub-folders of the authors' layout that are read (others are only listed). */
const SPLIT_FOLDERS = new Set(['dkls', 'generative_classification']);

/** `child` equals `parent` or lies inside it (both absolute, normalised). */
const within = (parent: string, child: string): boolean => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

const KIND: [keyof Dirent, string][] = [
  ['isFIFO', 'a FIFO'], ['isCharacterDevice', 'a character device'], ['isBlockDevice', 'a block device'], ['isSocket', 'a socket'],
];

/** What a non-regular, non-directory entry is, for messages. */
function kindOf(info: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  for (const [method, name] of KIND) if ((info as unknown as Record<string, () => boolean>)[method as string]()) return name;
  return 'not a regular file';
}

/** A checked folder: its real path and the real path of every file the import may read, by name inside it. */
export interface CheckedFolder {
  readonly folder: string;
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Checks `path` (as the client gave it) against `roots`; returns the real folder and its files, or throws a
 * ValidationError listing every problem (field `path`).
 */
export async function checkServerFolder(path: string, roots: readonly string[]): Promise<CheckedFolder> {
  const refuse = (message: string): never => {
    throw new ValidationError([{ field: 'path', message }], 'cannot import');
  };
  if (roots.length === 0) refuse('server paths are disabled on this server (CLASSFIT_IMPORT_ROOTS is not set); upload the folder instead (`classfit import --server URL FOLDER`)');
  if (!isAbsolute(path)) refuse('must be an absolute path on the server, inside an import root');
  const realRoots = (await Promise.all(roots.map((r) => realpath(r).catch(() => null)))).filter((r): r is string => r !== null);
  const asGiven = resolve(path);
  const root = realRoots.find((r) => within(r, asGiven)) ?? roots.map((r) => resolve(r)).find((r) => within(r, asGiven));
  if (!root) refuse(`is outside the import roots (${roots.length} configured); only folders inside them can be imported`);
  const real = await realpath(asGiven).catch((error: NodeJS.ErrnoException) => error);
  if (real instanceof Error) refuse(real.code === 'ENOENT' ? 'no such folder inside the import roots' : `cannot be read (${real.code ?? 'error'})`);
  const realRoot = realRoots.find((r) => within(r, real as string));
  if (!realRoot) refuse('leads out of the import roots through a symbolic link; only folders inside them can be imported');
  const info = await stat(real as string);
  if (!info.isDirectory()) refuse('is a file, not a folder: give the folder that holds avg_pooling_<stage>_acts.npy');

  const problems: Problem[] = [];
  const files = new Map<string, string>();
  const shown = (name: string) => `${relative(realRoot!, real as string) || '.'}/${name}`.replace(/^\.\//, '');
  async function visit(folder: string, prefix: string, depth: number): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const name = `${prefix}${entry.name}`;
      const full = join(folder, entry.name);
      let target = full;
      let entryInfo = await lstat(full);
      if (entryInfo.isSymbolicLink()) {
        const resolved = await realpath(full).catch(() => null);
        if (resolved === null) {
          problems.push({ field: shown(name), message: 'is a symbolic link to nothing' });
          continue;
        }
        if (!within(realRoot!, resolved)) {
          problems.push({ field: shown(name), message: 'is a symbolic link out of the import root; only files inside it are read' });
          continue;
        }
        target = resolved;
        entryInfo = await stat(resolved);
      }
      if (entryInfo.isDirectory()) {
        if (depth === 0 && SPLIT_FOLDERS.has(entry.name)) await visit(target, `${name}/`, 1);
        continue; // other folders are not read
      }
      if (!entryInfo.isFile()) {
        problems.push({ field: shown(name), message: `is ${kindOf(entryInfo)}; only regular files are read` });
        continue;
      }
      files.set(name, target);
    }
  }
  await visit(real as string, '', 0);
  if (problems.length > 0) throw new ValidationError(problems, 'cannot import');
  return { folder: real as string, files };
}

/**
 * Lays the checked files out as links in a private temporary folder and runs `work` on it; removes it after.
 * `work`'s ValidationErrors are relabelled to name files by their real path inside the root.
 */
export async function withCheckedFolder<T>(checked: CheckedFolder, work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'classfit-path-import-'));
  try {
    for (const [name, target] of checked.files) {
      await mkdir(dirname(join(folder, name)), { recursive: true });
      await symlink(target, join(folder, name));
    }
    return await work(folder);
  } catch (error) {
    throw error instanceof ValidationError ? relabelProblems(error, folder, checked.folder) : error;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
