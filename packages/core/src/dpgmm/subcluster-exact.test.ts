import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { SPLIT_MERGE_WAIT_SWEEPS, SubclusterChain } from './subcluster-chain.ts';
import { expectExactPartitionPosterior } from './testing/expect-partition.ts';
import { partitionPosteriorCase } from './testing/fixtures.ts';
import { PartitionTally } from './testing/partition-tally.ts';
import { EXACT_SUBCLUSTER, SubclusterReference, type SubclusterReferenceOptions } from './testing/subcluster-reference.ts';

/**
 * Chang & Fisher's sub-cluster moves on the 6-point exact partition posterior of neal-reference.test.ts
 * (classfit issue 9 §2; bench/subcluster-exact.ts prints every variant). With the restricted Gibbs step
 * drawing z only among vectors that keep all K clusters, sub-labels from their exact conditional and the
 * exact Metropolis–Hastings ratio of random split-or-merge proposals, the sampler is exact; letting the
 * restricted Gibbs step empty clusters (the paper, SubclusterChain) is not, even with the rest exact.
 */
const { ref, points, n, prior, alphaPrior: ALPHA_PRIOR } = partitionPosteriorCase();
const BATCH = 1_000;

function runReference(options: SubclusterReferenceOptions, sweeps: number, seed: number): PartitionTally {
  const chain = new SubclusterReference(points, prior, ALPHA_PRIOR, options, createRng(seed, 0));
  const tally = new PartitionTally(n, BATCH);
  for (let s = 0; s < 200; s++) chain.sweep();
  for (let s = 0; s < sweeps; s++) {
    chain.sweep();
    tally.add(chain.labels);
  }
  return tally;
}

describe('sub-cluster moves against the exact partition posterior', () => {
  it('are exact with the non-empty restricted Gibbs step, exact sub-labels and the split-or-merge ratio', () => {
    const tally = runReference(EXACT_SUBCLUSTER, 30_000, 17);
    // 30 batches of 1000 sweeps; s.e. < 0.012 keeps it sharp: the variants that are not exact miss
    // P(K = 4) or P(K = 5) by 0.10–0.32 (bench/subcluster-exact.ts).
    expectExactPartitionPosterior(tally, ref, n, 0.012);
  });

  it('are not exact when the restricted Gibbs step may empty clusters (everything else exact)', () => {
    const [mean, se] = runReference({ ...EXACT_SUBCLUSTER, constraint: 'drop' }, 10_000, 17).stat(5);
    // measured 0.033 ± 0.002 (seed 17, 30 000 sweeps) against the exact 0.132
    expect(ref.probK[5] - mean, `P(K=5) = ${mean} ± ${se}, exact ${ref.probK[5]}`).toBeGreaterThan(Math.max(0.05, 10 * se));
  });
});

describe('SubclusterChain keepNonEmpty', () => {
  const settings = { initialClusters: 6, alphaPrior: ALPHA_PRIOR, variants: { alphaUpdate: 'textbook', alphaInit: 'textbook' } } as const;

  it('keeps every cluster through restricted Gibbs sweeps (redrawing, then the one-point-at-a-time fallback)', () => {
    const kept = SubclusterChain.initialise(points, n, prior, { ...settings, keepNonEmpty: true }, createRng(3, 0));
    const dropped = SubclusterChain.initialise(points, n, prior, settings, createRng(3, 0));
    expect(kept.clusterCount).toBe(6);
    expect(dropped.clusterCount).toBe(6);
    // no split or merge before the waiting period is over: only the restricted Gibbs step changes K
    for (let s = 0; s < SPLIT_MERGE_WAIT_SWEEPS; s++) {
      kept.sweep();
      dropped.sweep();
      expect(kept.clusterCount).toBe(6);
    }
    expect(dropped.clusterCount).toBeLessThan(6);
    // six singletons: a whole-vector draw rarely keeps all six, so the bounded redraws run out
    expect(kept.fallbacks).toBeGreaterThan(0);
    expect(kept.redraws).toBeGreaterThan(0);
  });
});
