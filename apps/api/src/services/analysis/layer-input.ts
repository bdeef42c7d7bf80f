/**
 * Loads one layer's activations from the artifact store, selects the rows to
 * analyse, and reduces them by SVD (METHOD.md A.4: no centring; z = V x).
 */
import { readNpy, toNumberArray, writeNpy } from '@classfit/core/io';
import type { ArtifactStore, LayerRow, SvdSummary } from '@classfit/db';
import { gatherRows } from './class-data.ts';
import { svdReduce } from './svd-reduce.ts';

/** A layer ready for fitting: reduced points of the selected rows. */
export interface LayerInput {
  readonly layer: LayerRow;
  /** Raw dimension D and reduced dimension k. */
  readonly dim: number;
  readonly k: number;
  /** Selected rows' reduced points [n, k]. */
  readonly z: Float64Array;
  /** V, [k, D] row-major. */
  readonly components: Float64Array;
  readonly svdSummary: SvdSummary;
  /** The projection as a float64 `.npy` (stored as an artifact). */
  readonly projectionNpy: Uint8Array;
}

/**
 * Rows to analyse: all, or the first `perClass` of each class in index order (deterministic).
 * @param labels [N] labels of every example
 * @returns ascending row indices
 */
export function selectRows(labels: Int32Array, perClass?: number): Int32Array {
  if (perClass === undefined) return Int32Array.from(labels.keys());
  const seen = new Map<number, number>();
  const rows: number[] = [];
  labels.forEach((label, i) => {
    const count = seen.get(label) ?? 0;
    if (count < perClass) rows.push(i);
    seen.set(label, count + 1);
  });
  return Int32Array.from(rows);
}

/** Reads the layer's activations, keeps `rows`, and projects them onto the top-k right singular vectors. */
export async function loadLayerInput(artifacts: ArtifactStore, layer: LayerRow, rows: Int32Array, k: number): Promise<LayerInput> {
  const array = readNpy(await artifacts.get(layer.activationsArtifact), layer.activationsArtifact);
  const all = toNumberArray(array, layer.name);
  const dim = layer.dim;
  const n = rows.length;
  const svd = await svdReduce(gatherRows(all, dim, rows), n, dim, k);
  const svdSummary: SvdSummary = {
    k,
    singularValues: Array.from(svd.singularValues.subarray(0, Math.min(svd.singularValues.length, k + 1))),
    varianceFraction: svd.varianceCaptured,
  };
  return {
    layer, dim, k, z: svd.z, components: svd.components, svdSummary,
    projectionNpy: writeNpy({ dtype: 'float64', shape: [k, dim], data: svd.components }),
  };
}
