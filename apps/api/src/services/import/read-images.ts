/**
 * Checks an import's optional example images (`images.npy`): uint8 [n, h, w] or [n, h, w, c], one image per
 * activation row. Records problems instead of throwing, like the other readers of an import.
 */
import { createHash } from 'node:crypto';
import { readImageNpy } from '@classfit/core/io';
import type { Problem } from '../errors.ts';
import { readBytes, stripParameter } from './read-inputs.ts';

/** A checked images file: where it is, its content hash and the shape of one image. */
export interface ValidatedImages {
  readonly path: string;
  readonly sha256: string;
  /** [height, width, channels], channels 1 or 3. */
  readonly shape: [number, number, number];
}

/**
 * Reads and checks the images file at `path` against `n` examples.
 * @param n the number of activation rows, or null when they are unknown (then the count is not checked)
 * @returns the checked file, or null after pushing a problem naming `path`
 */
export async function readImages(path: string, n: number | null, problems: Problem[]): Promise<ValidatedImages | null> {
  const bytes = await readBytes(path, problems);
  if (!bytes) return null;
  let shape: [number, number, number];
  try {
    const images = readImageNpy(bytes, path);
    if (n !== null && images.count !== n) {
      problems.push({ field: path, message: `has ${images.count} images but the activations have ${n} rows; images must be one per example, in the same order` });
      return null;
    }
    shape = [images.height, images.width, images.channels];
  } catch (error) {
    problems.push({ field: path, message: stripParameter((error as Error).message, path) });
    return null;
  }
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), shape };
}
