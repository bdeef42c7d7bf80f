/**
 * Layer × layer similarity of a model (issue 11 §2): debiased linear CKA and orthogonal Procrustes
 * distance between every pair of analysed layers, on the same selected examples, from statistics
 * accumulated in row batches (core `createSimilarityAccumulator`: O(D²) memory, D = Σ k). It compares
 * the layers' REDUCED points z = V x (docs/method.md "Layer similarity"): the space the densities are
 * fitted in, already in memory, and an orthogonal projection, to which both measures are invariant.
 */
import { createSimilarityAccumulator, linearCkaMatrix, procrustesDistanceMatrix } from '@classfit/core/analysis';
import { upsertLayerSimilarities } from '@classfit/db';
import type { ModelStep } from './step.ts';

/** Rows per accumulated batch. */
const BATCH_ROWS = 4096;

/** The similarity of a run's layers: layer ids in order, [m, m] row-major CKA and Procrustes, examples compared. */
export interface LayerSimilarityResult {
  readonly layerIds: number[];
  readonly cka: Float64Array;
  readonly procrustes: Float64Array;
  readonly exampleCount: number;
}

export const layerSimilarityStep: ModelStep<LayerSimilarityResult> = {
  name: 'layer-similarity', title: 'layer × layer similarity (linear CKA, Procrustes)', level: 'model', needs: ['fit'],
  options: ['layers', 'reduce', 'examplesPerClass'], tables: ['layer_similarities'], artifacts: [], phase: 'similarity',
  // A single layer has nothing to compare; fewer than 4 examples (the unbiased HSIC's minimum) store nulls.
  enabled: (o) => o.layers === undefined || o.layers.length >= 2,
  async run({ layers, progress }) {
    progress('similarity');
    const n = layers[0].input.z.length / layers[0].input.k;
    const m = layers.length;
    if (n < 4) return { layerIds: layers.map((l) => l.input.layer.id), cka: new Float64Array(m * m).fill(Number.NaN), procrustes: new Float64Array(m * m).fill(Number.NaN), exampleCount: n };
    const dims = layers.map((l) => l.input.k);
    const accumulator = createSimilarityAccumulator(dims);
    for (let start = 0; start < n; start += BATCH_ROWS) {
      const end = Math.min(n, start + BATCH_ROWS);
      accumulator.add(layers.map((l) => l.input.z.subarray(start * l.input.k, end * l.input.k)), end - start);
    }
    const statistics = accumulator.statistics();
    return { layerIds: layers.map((l) => l.input.layer.id), cka: linearCkaMatrix(statistics).cka, procrustes: procrustesDistanceMatrix(statistics), exampleCount: n };
  },
  async store({ tx, runId }, result) {
    const m = result.layerIds.length;
    const finite = (v: number) => (Number.isFinite(v) ? v : null);
    await upsertLayerSimilarities(tx, result.layerIds.flatMap((layerId, i) => result.layerIds.map((otherLayerId, j) => ({
      runId, layerId, otherLayerId, cka: finite(result.cka[i * m + j]), procrustes: finite(result.procrustes[i * m + j]), exampleCount: result.exampleCount,
    }))));
  },
};
