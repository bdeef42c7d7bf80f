/** The layer × layer similarity matrix of a run (CKA, Procrustes), read by `Model.layerSimilarity` and the `layer-similarity` export. */
import { layerSimilaritiesByRunIds, type FitRunRow, type LayerRow } from '@classfit/db';
import type { ReadContext } from './read-context.ts';

/** Rows and columns are the run's compared layers, shallowest first. */
export interface LayerSimilarityView {
  readonly run: FitRunRow;
  readonly layers: LayerRow[];
  /** [i][j]: debiased linear CKA of layers i and j (null where undefined). */
  readonly cka: (number | null)[][];
  /** [i][j]: orthogonal Procrustes distance 2 − 2‖X̂ᵀŶ‖_* (null where undefined). */
  readonly procrustes: (number | null)[][];
  readonly exampleCount: number;
}

/** The similarity matrix of `run`, or null when the run stored none (one layer, or analysed before the step existed). */
export async function layerSimilarityOf(ctx: ReadContext, run: FitRunRow): Promise<LayerSimilarityView | null> {
  const rows = await layerSimilaritiesByRunIds(ctx.app.db, [run.id]);
  if (rows.length === 0) return null;
  const compared = new Set(rows.map((r) => r.layerId));
  const layers = (await ctx.loaders.layersOfModel.load(run.modelId)).filter((l) => compared.has(l.id)).sort((a, b) => a.index - b.index);
  const position = new Map(layers.map((l, i) => [l.id, i]));
  const empty = () => layers.map(() => layers.map((): number | null => null));
  const cka = empty();
  const procrustes = empty();
  for (const r of rows) {
    const i = position.get(r.layerId);
    const j = position.get(r.otherLayerId);
    if (i === undefined || j === undefined) continue;
    cka[i][j] = r.cka;
    procrustes[i][j] = r.procrustes;
  }
  return { run, layers, cka, procrustes, exampleCount: rows[0].exampleCount };
}
