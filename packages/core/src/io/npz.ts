import { unzipSync, zipSync, type Zippable } from 'fflate';
import { InvalidArgumentError } from '../errors/index.ts';
import { readFileOrExplain, writeFileAtomic } from './atomic-write.ts';
import { readNpy, writeNpy, type NpyArray } from './npy.ts';

/** DOS timestamps start in 1980; a fixed one keeps written archives byte-identical (content-addressed store). */
const FIXED_MTIME = new Date(1980, 0, 1);

/**
 * Parses a `.npz` archive (numpy's `np.savez` / `np.savez_compressed`: a zip of `.npy` entries,
 * stored or deflated).
 * @param bytes the whole archive
 * @param name file name for errors; an entry's errors use `<name>/<entry>.npy` as parameter
 * @returns one `NpyArray` per entry, keyed by the entry name without `.npy` (numpy's keys)
 * Throws `InvalidArgumentError` if the archive is not a zip, holds a non-`.npy` entry, or any
 * entry is rejected by `readNpy`.
 */
export function readNpz(bytes: Uint8Array, name: string): Record<string, NpyArray> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new InvalidArgumentError(name, `is not a readable .npz (zip) archive: ${(error as Error).message}`);
  }
  const out: Record<string, NpyArray> = {};
  for (const [entry, content] of Object.entries(entries)) {
    if (entry.endsWith('/')) continue;
    if (!entry.endsWith('.npy')) {
      throw new InvalidArgumentError(name, `holds the entry '${entry}'; a .npz archive should hold only .npy files`);
    }
    out[entry.slice(0, -'.npy'.length)] = readNpy(content, `${name}/${entry}`, { copy: false });
  }
  return out;
}

/**
 * Serialises arrays as a `.npz` archive that `np.load` reads.
 * @param arrays entry name (without `.npy`) → array
 * @param options.compress deflate the entries like `np.savez_compressed` (default false: stored, like `np.savez`)
 * @returns the archive's bytes; identical input gives identical bytes
 */
export function writeNpz(arrays: Record<string, NpyArray>, options: { compress?: boolean } = {}): Uint8Array {
  const level = options.compress ? 6 : 0;
  const files: Zippable = {};
  for (const [key, array] of Object.entries(arrays)) {
    if (key.length === 0 || key.includes('/')) {
      throw new InvalidArgumentError('arrays', `entry names must be non-empty and contain no '/', got '${key}'`);
    }
    files[`${key}.npy`] = [writeNpy(array), { level, mtime: FIXED_MTIME }];
  }
  return zipSync(files);
}

/**
 * Reads a `.npz` archive from disk (see `readNpz`).
 * @param path the archive; errors name it as their `parameter`
 */
export async function readNpzFile(path: string): Promise<Record<string, NpyArray>> {
  return readNpz(await readFileOrExplain(path, 'a .npz file'), path);
}

/**
 * Writes arrays as a `.npz` archive atomically (temporary file in the same directory, then rename).
 * @param path destination; its directory must exist
 * @param arrays entry name → array
 * @param options.compress deflate the entries (default false)
 */
export async function writeNpzFile(
  path: string,
  arrays: Record<string, NpyArray>,
  options: { compress?: boolean } = {},
): Promise<void> {
  await writeFileAtomic(path, writeNpz(arrays, options));
}
