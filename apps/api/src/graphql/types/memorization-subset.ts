/** Resolvers of `MemorizationSubset`: a stored least/most/random subset and the rule that chose it. */
import { describeSubsetRule, type SubsetName } from '../../services/import/subset-selection.ts';
import type { MemorizationSubsetResolvers } from '../generated/resolvers-types.ts';
import { upper } from '../shared.ts';

export const MemorizationSubset: MemorizationSubsetResolvers = {
  purpose: (row) => upper(row.purpose),
  source: (row) => upper(row.source),
  exampleCount: (row) => row.indices.length,
  classCount: (row) => (row.purpose === 'kl' ? (row.classLabels?.length ?? 0) : null),
  rule: (row) => describeSubsetRule(row.purpose, row.name as SubsetName, row.source),
};
