/**
 * The examples of each stored density bin of (run, layer): the scored examples sorted by own-class
 * log-density exactly as the analysis sorted them (core `densityBins`: ascending, ties by example index),
 * cut by the stored bins' sizes (METHOD.md H.3).
 */
import { densityBins } from '@classfit/core/analysis';
import { densityBinsByRunIds, exampleScoresOfLayer, type Db } from '@classfit/db';
import { ValidationError } from '../errors.ts';

/** One example of a bin. */
export interface BinMember {
  readonly exampleId: number;
  readonly index: number;
  readonly label: number;
}

/** Members of every bin of (run, layer), bin 0 (lowest density) first; each bin in ascending log-density. */
export async function densityBinMembers(db: Db, runId: number, layerId: number): Promise<BinMember[][]> {
  const stored = (await densityBinsByRunIds(db, [runId])).filter((b) => b.layerId === layerId);
  if (stored.length === 0) return [];
  const scores = await exampleScoresOfLayer(db, runId, layerId); // index order, as the analysis' rows
  const binSize = stored[0].stats.count;
  const bins = densityBins(Float64Array.from(scores, (s) => s.ownLogDensity), { binSize });
  const counts = stored.map((b) => b.stats.count);
  if (bins.length !== counts.length || bins.some((b, i) => b.count !== counts[i])) {
    throw new ValidationError(
      [{ field: 'layer', message: `stored bins (${counts.join(', ')}) do not match the ${scores.length} stored scores of run ${runId}` }],
      'density bins and scores disagree',
    );
  }
  return bins.map((b) => Array.from(b.examples, (p) => ({ exampleId: scores[p].exampleId, index: scores[p].index, label: scores[p].label })));
}
