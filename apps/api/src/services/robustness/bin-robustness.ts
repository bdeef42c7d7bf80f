/**
 * Certified-robustness statistics per density bin (METHOD.md H.4 step 3) from the stored per-example
 * results and the bin membership of one (run, layer): bins are consecutive runs of the layer's
 * log-density order, so a certified example's bin follows from its rank and the stored bin sizes.
 */
import { meanAndSd } from '@classfit/core/analysis';
import { densityBinsByRunIds, rankedCertifiedExamples, type Db, type RankedCertifiedExample } from '@classfit/db';

/** Robustness of one bin; every statistic is null when the bin holds no certified example. */
export interface BinRobustness {
  readonly bin: number;
  readonly certifiedCount: number;
  /** Mean certified radius, abstentions counted as radius 0 (Cohen et al.'s convention). */
  readonly meanRadius: number | null;
  /** Population s.d. of the radius, abstentions as 0. */
  readonly sdRadius: number | null;
  /** Fraction of certified examples where CERTIFY abstained. */
  readonly abstainRate: number | null;
  /** Fraction of certified examples whose smoothed prediction equals the label (abstentions count as wrong). */
  readonly smoothedAccuracy: number | null;
}

/**
 * Groups ranked certified examples into bins of the given sizes and summarises each.
 * @param ranked certified examples with their rank in the layer's density order
 * @param binSizes [bins] consecutive bin sizes, bin 0 (lowest density) first
 */
export function binRobustness(ranked: readonly RankedCertifiedExample[], binSizes: readonly number[]): BinRobustness[] {
  const ends: number[] = [];
  binSizes.reduce((end, size) => (ends.push(end + size), end + size), 0);
  const members = binSizes.map(() => [] as RankedCertifiedExample[]);
  for (const e of ranked) {
    const bin = ends.findIndex((end) => e.rank < end);
    if (bin >= 0) members[bin].push(e);
  }
  return members.map((list, bin) => {
    if (list.length === 0) return { bin, certifiedCount: 0, meanRadius: null, sdRadius: null, abstainRate: null, smoothedAccuracy: null };
    const { mean, sd } = meanAndSd(list.map((e) => e.radius));
    return {
      bin,
      certifiedCount: list.length,
      meanRadius: mean,
      sdRadius: sd,
      abstainRate: list.filter((e) => e.abstained).length / list.length,
      smoothedAccuracy: list.filter((e) => !e.abstained && e.prediction === e.label).length / list.length,
    };
  });
}

/**
 * Robustness of every stored bin of (run, layer), in bin order (empty when the layer has no bins).
 * @param binSizes the stored bins' sizes when the caller has them (default: read them)
 */
export async function robustnessOfBins(db: Db, runId: number, layerId: number, binSizes?: readonly number[]): Promise<BinRobustness[]> {
  const sizes = binSizes ?? (await densityBinsByRunIds(db, [runId])).filter((b) => b.layerId === layerId).map((b) => b.stats.count);
  if (sizes.length === 0) return [];
  return binRobustness(await rankedCertifiedExamples(db, runId, layerId), sizes);
}
