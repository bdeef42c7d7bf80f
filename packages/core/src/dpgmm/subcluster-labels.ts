/**
 * Label bookkeeping of the sub-cluster sampler (subcluster-chain.ts): the restricted Gibbs draw that keeps every
 * cluster, grouping points by label, renumbering labels, and the Dirichlet weight draw.
 */
import type { Rng } from '../rng/index.ts';

/** Whole-vector draws of z that `drawNonEmptyLabels` tries before its one-point-at-a-time fallback. */
export const NON_EMPTY_ATTEMPTS = 8;

/**
 * z given (π, θ) restricted to "every one of the K clusters keeps a point", written into `labels` (which holds the
 * current z): up to NON_EMPTY_ATTEMPTS independent whole-vector draws from ∏_i π_{z_i} N(x_i | θ_{z_i}) (`scores`
 * [n, K], the log-weights already computed), the first that keeps all K taken; when all fail, a scan from the current
 * z, each point in turn from the same weights unless it is the last point of its cluster (then it stays): the
 * single-site Gibbs sampler of the restricted conditional. Both leave the restricted conditional invariant, and
 * whether the draws fail depends on (π, θ) only, not on the current z, so their mixture does too.
 * @returns how many whole vectors were drawn again, and whether the scan ran
 */
export function drawNonEmptyLabels(rng: Rng, scores: Float64Array, K: number, labels: Int32Array): { redraws: number; fellBack: boolean } {
  const n = labels.length;
  const previous = labels.slice();
  const counts = new Int32Array(K);
  for (let attempt = 0; attempt < NON_EMPTY_ATTEMPTS; attempt++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(labels[i] = rng.categoricalLog(scores.subarray(i * K, (i + 1) * K), K))]++;
    if (!counts.includes(0)) return { redraws: attempt, fellBack: false };
  }
  labels.set(previous);
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[previous[i]]++;
  for (let i = 0; i < n; i++) {
    const from = labels[i];
    if (counts[from] === 1) continue;
    const to = rng.categoricalLog(scores.subarray(i * K, (i + 1) * K), K);
    counts[from]--;
    counts[to]++;
    labels[i] = to;
  }
  return { redraws: NON_EMPTY_ATTEMPTS, fellBack: true };
}

/**
 * Counting sort of 0..n−1 by `keys` (values 0..groups−1, stable): members[start[g] .. start[g+1]) are
 * the indices with key g, in increasing order. @returns start [groups + 1]
 */
export function groupByLabel(keys: Int32Array, groups: number, members: Int32Array): Int32Array {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < keys.length; i++) start[keys[i] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const fill = start.slice(0, groups);
  for (let i = 0; i < keys.length; i++) members[fill[keys[i]]++] = i;
  return start;
}

/** ln of a Dirichlet(concentrations) draw via normalised Gamma draws (a zero draw gives −∞). */
export function dirichletLog(rng: Rng, concentrations: readonly number[]): Float64Array {
  const draws = concentrations.map((c) => rng.gamma(c, 1));
  const total = draws.reduce((s, x) => s + x, 0);
  return Float64Array.from(draws, (x) => Math.log(x) - Math.log(total));
}

/** Renumbers labels 0..labelCount−1 to 0..K−1 (used labels only, order kept); `kept[k]` is new k's old label. */
export function compact(raw: Int32Array, labelCount: number): { labels: Int32Array; count: number; kept: number[] } {
  const used = new Uint8Array(labelCount);
  for (let i = 0; i < raw.length; i++) used[raw[i]] = 1;
  const map = new Int32Array(labelCount).fill(-1);
  const kept: number[] = [];
  for (let k = 0; k < labelCount; k++) {
    if (used[k]) {
      map[k] = kept.length;
      kept.push(k);
    }
  }
  return { labels: Int32Array.from(raw, (k) => map[k]), count: kept.length, kept };
}
