/** Test helper: every stored result of a run, without ids and artifact keys, so two runs can be compared. */
import {
  classFitsByRunIds, densityBinsByRunIds, exampleScoresOfLayer, genclassResultsByRunIds, groupSplitsByRunIds, klMatricesByRunIds,
  layersByModelIds, layerSimilaritiesByRunIds, type FitRunRow,
} from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';

/** Every stored result of a run, keyed by layer name instead of ids, so two runs can be compared. */
export async function storedResults(ctx: AppContext, run: FitRunRow) {
  const layers = new Map((await layersByModelIds(ctx.db, [run.modelId])).map((l) => [l.id, l.name]));
  // Ids and artifact keys differ between runs by construction; everything else must match.
  const strip = <T extends { runId: number; layerId: number; id: number }>(rows: T[]) =>
    rows.map(({ runId: _r, layerId, id: _i, ...rest }) => {
      const out = { layer: layers.get(layerId), ...rest } as Omit<T, 'runId' | 'layerId' | 'id'> & { layer?: string; predictiveArtifact?: string | null };
      delete out.predictiveArtifact;
      return out;
    });
  const scores = [];
  for (const [id, name] of layers) {
    for (const s of await exampleScoresOfLayer(ctx.db, run.id, id)) scores.push({ name, index: s.index, own: s.ownLogDensity, predicted: s.predictedClass });
  }
  return {
    classFits: strip(await classFitsByRunIds(ctx.db, [run.id])),
    splits: strip(await groupSplitsByRunIds(ctx.db, [run.id])),
    genclass: strip(await genclassResultsByRunIds(ctx.db, [run.id])),
    kl: strip(await klMatricesByRunIds(ctx.db, [run.id])),
    bins: strip(await densityBinsByRunIds(ctx.db, [run.id])),
    scores,
    similarities: (await layerSimilaritiesByRunIds(ctx.db, [run.id])).map(({ id: _i, runId: _r, layerId, otherLayerId, ...rest }) => ({ layer: layers.get(layerId), other: layers.get(otherLayerId), ...rest })),
  };
}
