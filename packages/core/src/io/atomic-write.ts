import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InvalidArgumentError } from '../errors/index.ts';

/**
 * Writes `bytes` to `path` so that no reader ever sees a half-written file: the data goes to a
 * temporary file in the same directory (same file system), which is then renamed over `path`.
 * @param path destination; its directory must exist
 * @param bytes the complete contents, or text or byte pieces written in order, possibly produced asynchronously
 *   (streamed: files larger than one string)
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array | Iterable<string> | Iterable<Uint8Array> | AsyncIterable<string> | AsyncIterable<Uint8Array>,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Reads a whole file, turning "no such file" into an error that names the path.
 * @param path the file
 * @param what what the file should be, e.g. 'a .npy file'
 * @returns the bytes, in a buffer of their own
 * Throws `InvalidArgumentError(path, …)` when the file is missing or is a directory.
 */
export async function readFileOrExplain(path: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InvalidArgumentError(path, `no such file (expected ${what})`);
    if (code === 'EISDIR') throw new InvalidArgumentError(path, `is a directory, expected ${what}`);
    throw error;
  }
}
