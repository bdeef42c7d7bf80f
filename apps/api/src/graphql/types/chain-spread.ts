/** Resolvers of `ChainSpread`: one class fit's per-chain figures (stored columns of the class fit row). */
import type { ChainSpreadResolvers } from '../generated/resolvers-types.ts';

export const ChainSpread: ChainSpreadResolvers = {
  chains: (fit) => fit.chainMeanLogDensities?.length ?? 1,
  meanLogDensities: (fit) => fit.chainMeanLogDensities ?? [],
  meanLogDensitySd: (fit) => fit.meanLogDensityChainSd,
  relativeEntropies: (fit) => fit.chainRelativeEntropies,
  relativeEntropySd: (fit) => fit.relativeEntropyChainSd,
  groupAgreement: (fit) => fit.groupChainAgreement,
};
