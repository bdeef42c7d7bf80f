/**
 * Least/most/random memorized subsets computed from memorization scores, by
 * the rules reconstructed from the authors' split files (METHOD.md F, G, J).
 * Used when an import ships scores but no split files.
 */
import { createRng } from '@classfit/core/rng';

/** Defaults of subset selection, in one place. */
export const SUBSET_DEFAULTS = Object.freeze({
  /** Held-out examples per generative-classification subset (METHOD G: 1,000). */
  genclassSize: 1000,
  /** Never hold out more than this fraction of the data per subset (small imports). */
  genclassMaxFraction: 0.1,
  /** Examples per kept class in a KL subset (METHOD J: 100). */
  klPerClass: 100,
  /** KL most-memorized pool: mem ≥ 0.7; least-memorized pool: mem ≤ 0.015 (METHOD J). */
  mostPoolMin: 0.7,
  leastPoolMax: 0.015,
  /** Seed of the random draws; 0 is a valid seed. */
  seed: 0,
});

/** Names of the three subsets. */
export const SUBSET_NAMES = ['least', 'most', 'random'] as const;
/** One of {@link SUBSET_NAMES}. */
export type SubsetName = (typeof SUBSET_NAMES)[number];

/** A per-class subset (KL study): `perClass[i]` lists example indices of class `classLabels[i]`. */
export interface PerClassSubset {
  readonly classLabels: number[];
  readonly perClass: number[][];
}

/** Draws `k` distinct values from `pool` (partial Fisher–Yates), returned sorted. */
function drawWithoutReplacement(pool: number[], k: number, seed: number, stream: number): number[] {
  const rng = createRng(seed, stream);
  const copy = [...pool];
  const take = Math.min(k, copy.length);
  for (let i = 0; i < take; i++) {
    const j = i + rng.integer(copy.length - i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, take).sort((a, b) => a - b);
}

/**
 * Generative-classification test sets (METHOD G): the `size` most and least memorized examples
 * (ties broken by lower index) and `size` uniform draws from the rest; disjoint.
 * @param memorization [n] scores, or null (then only `random` is returned)
 */
export function selectGenclassSubsets(
  memorization: Float64Array | null,
  n: number,
  options: Partial<typeof SUBSET_DEFAULTS> = {},
): Partial<Record<SubsetName, number[]>> {
  const o = { ...SUBSET_DEFAULTS, ...options };
  const size = Math.max(1, Math.min(o.genclassSize, Math.floor(n * o.genclassMaxFraction)));
  const out: Partial<Record<SubsetName, number[]>> = {};
  const taken = new Set<number>();
  if (memorization) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => memorization[b] - memorization[a] || a - b);
    const most = order.slice(0, size);
    for (const i of most) taken.add(i);
    const ascending = Array.from({ length: n }, (_, i) => i).sort((a, b) => memorization[a] - memorization[b] || a - b);
    const least = ascending.filter((i) => !taken.has(i)).slice(0, size);
    for (const i of least) taken.add(i);
    out.most = most.sort((a, b) => a - b);
    out.least = least.sort((a, b) => a - b);
  }
  const rest = Array.from({ length: n }, (_, i) => i).filter((i) => !taken.has(i));
  out.random = drawWithoutReplacement(rest, size, o.seed, 1);
  return out;
}

/**
 * Between-class KL subsets (METHOD J): pools mem ≥ 0.7 (most) and mem ≤ 0.015 (least); classes
 * with MORE than `klPerClass` pool members are kept and `klPerClass` examples drawn at random from
 * each; `random` draws from all examples of every class with more than `klPerClass` examples.
 */
export function selectKlSubsets(
  memorization: Float64Array | null,
  labels: Int32Array,
  options: Partial<typeof SUBSET_DEFAULTS> = {},
): Partial<Record<SubsetName, PerClassSubset>> {
  const o = { ...SUBSET_DEFAULTS, ...options };
  const pools = (accept: (i: number) => boolean): Map<number, number[]> => {
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < labels.length; i++) {
      if (!accept(i)) continue;
      const list = byClass.get(labels[i]) ?? [];
      list.push(i);
      byClass.set(labels[i], list);
    }
    return byClass;
  };
  const draw = (byClass: Map<number, number[]>, stream: number): PerClassSubset => {
    const classLabels = [...byClass.keys()].filter((c) => byClass.get(c)!.length > o.klPerClass).sort((a, b) => a - b);
    return { classLabels, perClass: classLabels.map((c) => drawWithoutReplacement(byClass.get(c)!, o.klPerClass, o.seed, stream * 100_003 + c)) };
  };
  const out: Partial<Record<SubsetName, PerClassSubset>> = {};
  if (memorization) {
    out.most = draw(pools((i) => memorization[i] >= o.mostPoolMin), 2);
    out.least = draw(pools((i) => memorization[i] <= o.leastPoolMax), 3);
  }
  out.random = draw(pools(() => true), 4);
  return out;
}

/** The rule behind a stored subset, in words (docs/method.md J), for readers of the results. */
export function describeSubsetRule(purpose: 'kl' | 'genclass', name: SubsetName, source: 'file' | 'computed'): string {
  if (source === 'file') return 'read from an imported split file';
  const o = SUBSET_DEFAULTS;
  if (purpose === 'genclass') {
    const pick = { most: 'the most memorized examples', least: 'the least memorized examples', random: 'uniform draws from the remaining examples' }[name];
    return `${pick}: ${o.genclassSize} (at most ${o.genclassMaxFraction * 100} % of the data), held out of the density fit`;
  }
  const pool = { most: `examples with memorization ≥ ${o.mostPoolMin}`, least: `examples with memorization ≤ ${o.leastPoolMax}`, random: 'all examples' }[name];
  return `classes with more than ${o.klPerClass} ${pool}; ${o.klPerClass} drawn at random per kept class`;
}
