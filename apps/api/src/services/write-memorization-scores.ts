/**
 * Writes memorization estimates as `mem_scores.npz` in the authors' keys (METHOD.md J:
 * `tr_mem`, `tr_labels`) plus `tr_mem_se` and `num_models`, the file `classfit import` reads.
 */
import { writeNpzFile } from '@classfit/core/io';
import type { MemorizationResult } from '@classfit/core/models';

export async function writeMemorizationScores(path: string, result: MemorizationResult): Promise<void> {
  await writeNpzFile(path, {
    tr_mem: { dtype: 'float32', shape: [result.mem.length], data: result.mem },
    tr_mem_se: { dtype: 'float32', shape: [result.se.length], data: result.se },
    tr_labels: { dtype: 'int32', shape: [result.labels.length], data: result.labels },
    num_models: { dtype: 'int32', shape: [1], data: Int32Array.of(result.models) },
  });
}
