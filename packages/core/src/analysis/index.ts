export { classLogDensityStats, meanAndSd, type ClassLogDensityStats } from './class-log-density-stats.ts';
export { largestGapSplit, type LargestGapSplit } from './largest-gap-split.ts';
export { testUnimodality, type ModesTest } from './modes-test.ts';
export { kdeModeCount, criticalBandwidth } from './kde-modes.ts';
export { splitSignificance, type SplitSignificance, type SplitSignificanceOptions, type Interval } from './split-significance.ts';
export { traceMonteCarlo, type MonteCarloEstimate, type MonteCarloOptions } from './trace-monte-carlo.ts';
export { relativeEntropy, diagonalGaussianLogPdf } from './relative-entropy.ts';
export { differentialEntropy } from './differential-entropy.ts';
export { meanIntraClassDistance } from './mean-intra-class-distance.ts';
export { betweenClassKl, positiveKlSummary, type BetweenClassKl, type BetweenClassKlOptions } from './between-class-kl.ts';
export { classificationMetrics, type ClassificationMetrics } from './weighted-f1.ts';
export { generativeClassification, type GenerativeClassification } from './generative-classification.ts';
export { heldOutDensities, type HeldOutDensity, type LabelledPoints } from './held-out-densities.ts';
export { densityBins, type DensityBin, type DensityBinOptions } from './density-bins.ts';
export { pearson, spearman, averageRanks, correlationWithCi, type CorrelationEstimate } from './correlation.ts';
export { createSimilarityAccumulator, similarityStatistics, type SimilarityAccumulator, type SimilarityStatistics } from './similarity-accumulator.ts';
export { linearCka, linearCkaMatrix, type LinearCkaMatrix } from './linear-cka.ts';
export { procrustesDistance, procrustesDistanceMatrix } from './procrustes-distance.ts';
export {
  betweenChainSd, chainClassStats, chainGroupAgreement, chainMeans, chainModel, chainTraceIndices, type ChainGroupAgreement,
} from './chain-spread.ts';
