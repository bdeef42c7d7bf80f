/**
 * Sub-cluster sampler variants against the exact partition posterior of the 6-point 2-D data of
 * neal-reference.test.ts (classfit issue 9 §2; α ~ Gamma(1, 1), textbook α update unless named).
 *   prod[-paperalpha]     SubclusterChain as it is (drops the clusters its restricted Gibbs step empties)
 *   prod-ne[-paperalpha]  SubclusterChain with keepNonEmpty
 *   ref-*                 SubclusterReference with the parts named in VARIANTS
 * `npx tsx bench/subcluster-exact.ts [--sweeps 30000] [--seed 17] variant ...` (every variant when none named)
 */
import { SubclusterChain } from '../src/dpgmm/subcluster-chain.ts';
import { partitionPosteriorCase } from '../src/dpgmm/testing/fixtures.ts';
import { PartitionTally } from '../src/dpgmm/testing/partition-tally.ts';
import { EXACT_SUBCLUSTER, SubclusterReference, type SubclusterReferenceOptions } from '../src/dpgmm/testing/subcluster-reference.ts';
import { createRng } from '../src/rng/index.ts';

const { ref, points, n, prior, alphaPrior: ALPHA_PRIOR } = partitionPosteriorCase();
const BURN_IN = 200;
const BATCH = 1_000;

const VARIANTS: Record<string, SubclusterReferenceOptions> = {
  // the paper's algorithm without SubclusterChain's waiting, reseeding and 2-means sides
  'ref-paper': { constraint: 'drop', sides: 'gibbs', ratios: 'paper', moves: 'scan' },
  'ref-paper-ne': { constraint: 'non-empty', sides: 'gibbs', ratios: 'paper', moves: 'scan' },
  // exact sub-labels and the 1/q correction, in the paper's scan
  'ref-exactq-scan': { constraint: 'drop', sides: 'exact', ratios: 'exact', moves: 'scan' },
  'ref-exactq-scan-ne': { constraint: 'non-empty', sides: 'exact', ratios: 'exact', moves: 'scan' },
  // random split-or-merge moves
  'ref-paper-single': { constraint: 'drop', sides: 'gibbs', ratios: 'paper', moves: 'split-or-merge', movesPerSweep: 2 },
  'ref-paper-single-ne': { constraint: 'non-empty', sides: 'gibbs', ratios: 'paper', moves: 'split-or-merge', movesPerSweep: 2 },
  'ref-exactq-paper-single-ne': { constraint: 'non-empty', sides: 'exact', ratios: 'paper', moves: 'split-or-merge', movesPerSweep: 2 },
  'ref-exact-noprop-ne': { ...EXACT_SUBCLUSTER, proposalRatio: false },
  'ref-exact-drop': { ...EXACT_SUBCLUSTER, constraint: 'drop' },
  'ref-exact': EXACT_SUBCLUSTER,
};

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SWEEPS = flag('sweeps', 30_000);
const SEED = flag('seed', 17);
const named = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const variants = named.length > 0 ? named : ['prod', 'prod-ne', ...Object.keys(VARIANTS)];

function run(variant: string): { tally: PartitionTally; note: string } {
  const rng = createRng(SEED, 0);
  let step: () => ArrayLike<number>;
  let note: () => string;
  if (variant.startsWith('prod')) {
    const alpha = variant.endsWith('-paperalpha') ? 'paper' : 'textbook';
    const settings = { initialClusters: 6, alphaPrior: ALPHA_PRIOR, variants: { alphaUpdate: alpha, alphaInit: alpha }, keepNonEmpty: variant.startsWith('prod-ne') } as const;
    const chain = SubclusterChain.initialise(points, n, prior, settings, rng);
    step = () => (chain.sweep(), chain.labels);
    note = () => `redrawn z vectors/sweep ${(chain.redraws / chain.completedSweeps).toFixed(2)}, fallbacks ${chain.fallbacks}`;
  } else {
    const options = VARIANTS[variant];
    if (options === undefined) throw new Error(`unknown variant ${variant}`);
    const chain = new SubclusterReference(points, prior, ALPHA_PRIOR, options, rng);
    step = () => (chain.sweep(), chain.labels);
    note = () => `redrawn z vectors/sweep ${(chain.rejections / (SWEEPS + BURN_IN)).toFixed(2)}`;
  }
  const tally = new PartitionTally(n, BATCH);
  for (let s = 0; s < BURN_IN; s++) step();
  for (let s = 0; s < SWEEPS; s++) tally.add(step());
  return { tally, note: note() };
}

const ks = [1, 2, 3, 4, 5, 6];
const fmt = ([m, se]: [number, number]): string => `${m.toFixed(3)}±${se.toFixed(3)}`;
console.log(`${'exact'.padEnd(26)} P(K=1..6) ${ks.map((k) => ref.probK[k].toFixed(3).padEnd(11)).join(' ')}`);
for (const v of variants) {
  const started = performance.now();
  const { tally, note } = run(v);
  // a statistic never seen moving (s.e. 0) but off the exact value counts as z = ∞
  const z = ([mean, se]: [number, number], want: number): number => (se > 0 ? Math.abs(mean - want) / se : mean === want ? 0 : Infinity);
  let worst = { z: 0, text: '' };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const stat = tally.coassignment(i, j);
      const zi = z(stat, ref.coassignment[i][j]);
      if (zi > worst.z) worst = { z: zi, text: `P(${i}~${j}) ${fmt(stat)} vs ${ref.coassignment[i][j].toFixed(3)}` };
    }
  }
  const zK = Math.max(...ks.map((k) => z(tally.stat(k), ref.probK[k])));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${v.padEnd(26)} P(K=1..6) ${ks.map((k) => fmt(tally.stat(k))).join(' ')} | max z: K ${zK.toFixed(1)}, co ${worst.z.toFixed(1)} (${worst.text}) | ${note} | ${seconds} s`,
  );
}
