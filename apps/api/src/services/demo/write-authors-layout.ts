/**
 * Writes stage activations in the authors' layout (METHOD.md A.3, DESIGN.md §1):
 * avg_pooling_<stage>_acts.npy [n, d] float32, labels.npy [n] int32, classes.json
 * and layers.json — the folder `classfit import` reads.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeNpyFile } from '@classfit/core/io';
import type { StageActivations } from '@classfit/core/models';

export interface AuthorsLayoutInput {
  readonly stages: readonly StageActivations[];
  readonly labels: Int32Array;
  readonly classNames: readonly string[];
  /** Provenance written to layers.json. */
  readonly info: Record<string, unknown>;
}

export async function writeAuthorsLayout(folder: string, input: AuthorsLayoutInput): Promise<void> {
  const n = input.labels.length;
  await mkdir(folder, { recursive: true });
  for (const stage of input.stages) {
    await writeNpyFile(join(folder, `avg_pooling_${stage.index}_acts.npy`), { dtype: 'float32', shape: [n, stage.channels], data: stage.activations });
  }
  await writeNpyFile(join(folder, 'labels.npy'), { dtype: 'int32', shape: [n], data: input.labels });
  await writeFile(join(folder, 'classes.json'), `${JSON.stringify(input.classNames)}\n`);
  const layers = input.stages.map(({ name, index, relativeDepth, channels }) => ({ name, index, relativeDepth, channels }));
  await writeFile(join(folder, 'layers.json'), `${JSON.stringify({ ...input.info, layers }, null, 1)}\n`);
}
