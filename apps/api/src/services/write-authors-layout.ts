/**
 * Writes stage activations in the authors' layout (METHOD.md A.3, DESIGN.md §1):
 * avg_pooling_<stage>_acts.npy [n, d] float32, labels.npy [n] int32, classes.json,
 * meta.json (architecture, dataset, seed, accuracy, stages — the fields `classfit import` reads, in the
 * format the Python client's exporter writes) and, when given, images.npy uint8 [n, h, w] (or [n, h, w, 3]) —
 * the folder `classfit import` reads.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ImageArray, writeFileAtomic, writeImageNpy, writeNpyFile } from '@classfit/core/io';
import type { ImageDataset, ImageSplit, StageActivations } from '@classfit/core/models';

/** meta.json's provenance fields; `classfit import` uses the first four when the command line does not give them. */
export interface LayoutMeta {
  readonly architecture: string;
  readonly dataset?: string;
  readonly seed?: number;
  /** Held-out accuracy as a fraction in [0, 1]. */
  readonly accuracy?: number;
  readonly [more: string]: unknown;
}

export interface AuthorsLayoutInput {
  readonly stages: readonly StageActivations[];
  readonly labels: Int32Array;
  readonly classNames: readonly string[];
  /** Provenance written to meta.json: what the import takes (architecture, dataset, seed, accuracy) and any more. */
  readonly meta: LayoutMeta;
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
  const stages = input.stages.map(({ name, index, relativeDepth, channels }) => ({ index, name, relativeDepth, dim: channels, file: `avg_pooling_${index}_acts.npy` }));
  await writeFile(join(folder, 'meta.json'), `${JSON.stringify({ generator: 'classfit extract', ...input.meta, stages, examples: n }, null, 1)}\n`);
}

/** A split's raw pixels as the layout's `images.npy` (uint8 [n, h, w] for grayscale, [n, h, w, 3] for RGB). */
export function splitImages(split: ImageSplit, imageShape: ImageDataset['imageShape']): ImageArray {
  const [height, width, channels] = imageShape;
  if (channels !== 1 && channels !== 3) throw new RangeError(`images must have 1 or 3 channels, got ${channels}`);
  return { count: split.size, height, width, channels, data: split.pixels };
}
