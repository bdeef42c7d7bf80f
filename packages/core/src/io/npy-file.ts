import { readFileOrExplain, writeFileAtomic } from './atomic-write.ts';
import { readNpy, writeNpy, type NpyArray } from './npy.ts';

/**
 * Reads a `.npy` file from disk (see `readNpy` for what is accepted).
 * @param path the file; errors name it as their `parameter`
 * @returns the array; its data is a view of the file's own buffer when aligned
 * Throws `InvalidArgumentError(path, …)` for a missing file or unsupported contents.
 */
export async function readNpyFile(path: string): Promise<NpyArray> {
  const bytes = await readFileOrExplain(path, 'a .npy file');
  return readNpy(bytes, path, { copy: false });
}

/**
 * Writes `array` as a `.npy` file atomically (temporary file in the same directory, then rename).
 * @param path destination; its directory must exist
 * @param array float32/float64/int32/int64 data of prod(shape) elements
 */
export async function writeNpyFile(path: string, array: NpyArray): Promise<void> {
  await writeFileAtomic(path, writeNpy(array));
}
