/**
 * Writes stage activations in the authors' layout (METHOD.md A.3, DESIGN.md §1):
 * avg_pooling_<stage>_acts.npy [n, d] float32, labels.npy [n] int32, classes.json,
 * layers.json and, when given, images.npy uint8 [n, h, w] (or [n, h, w, 3]) —
 * the folder `classfit import` reads.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ImageArray, writeFileAtomic, writeImageNpy, writeNpyFile } from '@classfit/core/io';
import type { ImageDataset, ImageSplit, StageActivations } from '@classfit/core/models';

export interface AuthorsLayoutInput {
  readonly stages: readonly StageActivations[];
  readonly labels: Int32Array;
  readonly classNames: readonly string[];
  /** Provenance written to layers.json. */
  readonly info: Record<string, unknown>;
  /** The examples' images, one per label, in the same order. */
  readonly images?: ImageArray;
}

/** Writes a layout folder (created if missing) for the examples of `input.labels`. */
export async function writeAuthorsLayout(folder: string, input: AuthorsLayoutInput): Promise<void> {
  const n = input.labels.length;
  if (input.images && input.images.count !== n) throw new RangeError(`writeAuthorsLayout: ${input.images.count} images for ${n} labels`);
  await mkdir(folder, { recursive: true });
  for (const stage of input.stages) {
    await writeNpyFile(join(folder, `avg_pooling_${stage.index}_acts.npy`), { dtype: 'float32', shape: [n, stage.channels], data: stage.activations });
  }
  if (input.images) await writeFileAtomic(join(folder, 'images.npy'), writeImageNpy(input.images));
  await writeNpyFile(join(folder, 'labels.npy'), { dtype: 'int32', shape: [n], data: input.labels });
  await writeFile(join(folder, 'classes.json'), `${JSON.stringify(input.classNames)}\n`);
  const layers = input.stages.map(({ name, index, relativeDepth, channels }) => ({ name, index, relativeDepth, channels }));
  await writeFile(join(folder, 'layers.json'), `${JSON.stringify({ ...input.info, layers }, null, 1)}\n`);
}

/** A split's raw pixels as the layout's `images.npy` (uint8 [n, h, w] for grayscale, [n, h, w, 3] for RGB). */
export function splitImages(split: ImageSplit, imageShape: ImageDataset['imageShape']): ImageArray {
  const [height, width, channels] = imageShape;
  if (channels !== 1 && channels !== 3) throw new RangeError(`images must have 1 or 3 channels, got ${channels}`);
  return { count: split.size, height, width, channels, data: split.pixels };
}
