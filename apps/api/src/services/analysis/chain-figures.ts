/**
 * A layer's between-chain figures (docs/method.md C, D): each chain's own estimate of every class's mean
 * own-class log-density and relative entropy, their between-chain s.d., and for the largest-gap split in how
 * many chains each class lands in the same group. The pooled values stored beside them average all chains'
 * kept traces (log-averaged), so they are the mean of these per-chain estimates; the per-chain estimates show how
 * much a single-chain run (another seed) would have moved them. With one chain the pooled values are the one
 * chain's, and no spread or agreement is claimed.
 */
import {
  betweenChainSd, chainClassStats, chainGroupAgreement, chainMeans, largestGapSplit,
  type ClassLogDensityStats, type LargestGapSplit,
} from '@classfit/core/analysis';
import type { PredictiveModel } from '@classfit/core/density';

/** One class's figures across chains. */
export interface ClassChainFigures {
  /** [chains] each chain's mean own-class log-density. */
  readonly meanLogDensities: number[];
  /** [chains] each chain's relative entropy (mean over its kept traces), or null when not computed. */
  readonly relativeEntropies: number[] | null;
  readonly meanLogDensitySd: number | null;
  readonly relativeEntropySd: number | null;
  /** Chains whose own split puts the class in its pooled group; null with one chain or no split. */
  readonly groupAgreement: number | null;
}

/** The layer's figures across chains. */
export interface LayerChainFigures {
  readonly chains: number;
  readonly perClass: ReadonlyMap<number, ClassChainFigures>;
  /** Each chain's largest gap and how many chains reproduce the pooled split exactly; null without a split. */
  readonly split: { readonly gaps: number[]; readonly chainsAgreeing: number | null } | null;
}

/** What the pooled analysis of the layer already has. */
export interface PooledLayer {
  /** Pooled per-class stats of own-class log-density, ascending by label. */
  readonly stats: readonly ClassLogDensityStats[];
  readonly split: LargestGapSplit | null;
  /** Per class label: the relative entropy's per-trace values [T] (chain-major), absent when not computed. */
  readonly entropyPerTrace: ReadonlyMap<number, Float64Array>;
}

/**
 * Scores every scored point under each chain's model (one extra pass over the points per chain) and collects
 * the figures.
 * @param points [n, d] reduced; labels [n]
 */
export async function layerChainFigures(
  model: PredictiveModel,
  chains: number,
  points: Float64Array,
  n: number,
  labels: ArrayLike<number>,
  pooled: PooledLayer,
): Promise<LayerChainFigures> {
  const perChain = chains > 1 ? await chainClassStats(model, chains, points, n, 'reduced', labels) : [[...pooled.stats]];
  const labelsInOrder = pooled.stats.map((s) => s.label);
  const splits = pooled.split ? perChain.map((stats) => largestGapSplit(stats.map((s) => s.mean), labelsInOrder)) : null;
  const agreement = pooled.split && splits && chains > 1 ? chainGroupAgreement(pooled.split, splits) : null;
  const perClass = new Map<number, ClassChainFigures>();
  pooled.stats.forEach((s, c) => {
    const meanLogDensities = perChain.map((stats) => stats[c].mean);
    const trace = pooled.entropyPerTrace.get(s.label);
    const relativeEntropies = trace ? Array.from(chainMeans(trace, chains)) : null;
    perClass.set(s.label, {
      meanLogDensities,
      relativeEntropies,
      meanLogDensitySd: betweenChainSd(meanLogDensities),
      relativeEntropySd: relativeEntropies ? betweenChainSd(relativeEntropies) : null,
      groupAgreement: agreement?.perClass.get(s.label) ?? null,
    });
  });
  return {
    chains,
    perClass,
    split: splits ? { gaps: splits.map((x) => x.gap), chainsAgreeing: agreement?.identicalSplits ?? null } : null,
  };
}
