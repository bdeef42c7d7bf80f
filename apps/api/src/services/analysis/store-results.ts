/** Writes a run's layer results in ONE transaction (upserts: re-running replaces, never duplicates). */
import {
  setLayerReduction, upsertClassFits, upsertDensityBins, upsertExampleScores, upsertGenclassResults,
  upsertGroupSplits, upsertKlMatrices, upsertLayerFit, type ArtifactStore, type Db,
} from '@classfit/db';
import type { LayerResults } from './analyze-layer.ts';

/** Stores every layer's results; `exampleIds[i]` is the example row id of selected row i. */
export async function storeResults(db: Db, artifacts: ArtifactStore, runId: number, layers: readonly LayerResults[], exampleIds: Int32Array): Promise<void> {
  const projectionKeys = await Promise.all(layers.map((l) => artifacts.put(l.input.projectionNpy, 'npy')));
  await db.transaction(async (tx) => {
    for (const [li, r] of layers.entries()) {
      const layerId = r.input.layer.id;
      await setLayerReduction(tx, layerId, { reducedDim: r.input.k, svdSummary: r.input.svdSummary, projectionArtifact: projectionKeys[li] });
      await upsertLayerFit(tx, { runId, layerId, reducedDim: r.input.k, classCount: r.classCount, predictiveArtifact: r.predictiveArtifact, timings: { fitMs: r.fitMs } });
      await upsertClassFits(tx, r.classFits.map((c) => ({ runId, layerId, ...c, predictiveArtifact: r.predictiveArtifact })));
      const scores = [];
      for (let i = 0; i < r.ownLogDensity.length; i++) {
        if (Number.isNaN(r.ownLogDensity[i])) continue;
        scores.push({ runId, layerId, exampleId: exampleIds[i], ownLogDensity: r.ownLogDensity[i], predictedClass: r.predicted ? r.predicted[i] : null });
      }
      await upsertExampleScores(tx, scores);
      if (r.split) await upsertGroupSplits(tx, [{ runId, layerId, ...r.split }]);
      await upsertGenclassResults(tx, r.genclass.map((g) => ({ runId, layerId, ...g })));
      await upsertKlMatrices(tx, r.kl.map((k) => ({ runId, layerId, subset: k.subset, labels: k.labels, matrix: k.matrix, mean: k.mean, sd: k.sd })));
      await upsertDensityBins(tx, r.bins.map((b) => ({ runId, layerId, ...b })));
    }
  });
}
