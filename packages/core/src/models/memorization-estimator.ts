import { InvalidArgumentError } from '../errors/index.ts';
import { createRng } from '../rng/index.ts';

/** Feldman–Zhang memorization estimates for n examples from M subset-trained models. */
export interface MemorizationEstimate {
  /** mem(i) = mean correctness over models trained with i − over models trained without i [n]. */
  readonly mem: Float32Array;
  /** Standard error of mem(i) [n] (NaN when fewer than two models fall on either side). */
  readonly se: Float32Array;
  /** Models whose subset held i [n]. */
  readonly inCount: Int32Array;
  /** Models whose subset did not hold i [n]. */
  readonly outCount: Int32Array;
  /** Number of models M. */
  readonly models: number;
}

/**
 * Draws M training subsets in which every example appears in exactly
 * k = round(fraction·M) of them (clamped to [1, M − 1]), the k models chosen
 * uniformly at random per example. Each subset then holds ≈ fraction·n examples,
 * as in Feldman & Zhang, but — unlike M independent ⌊fraction·n⌋-subsets — no
 * example is left without models on either side, so mem(i) is always defined
 * (with M = 16, fraction 0.7, independent subsets leave ≈ 0.3 % of examples
 * never held out). Seeded; example i uses stream i.
 * @returns M sorted index arrays
 */
export function drawSubsets(n: number, models: number, fraction: number, seed: number): Int32Array[] {
  if (!(fraction > 0 && fraction < 1)) throw new InvalidArgumentError('subsetFraction', `must be in (0, 1), got ${fraction}`);
  if (!Number.isInteger(models) || models < 2) throw new InvalidArgumentError('models', `must be an integer ≥ 2, got ${models}`);
  const k = Math.min(models - 1, Math.max(1, Math.round(fraction * models)));
  const members: number[][] = Array.from({ length: models }, () => []);
  for (let i = 0; i < n; i++) {
    const order = createRng(seed, i).permutation(models);
    for (let j = 0; j < k; j++) members[order[j]].push(i);
  }
  return members.map((list) => Int32Array.from(list));
}

/**
 * The subsampling estimator (METHOD.md H.2): for each example i,
 * mem(i) = P̂[h(x_i) = y_i | i ∈ S] − P̂[h(x_i) = y_i | i ∉ S], each probability the
 * mean 0/1 correctness over the models on that side; its standard error is
 * √(s²_in/M_in + s²_out/M_out) with unbiased sample variances (two independent means).
 * @param correct per model, 0/1 correctness on all n examples [M][n]
 * @param subsets per model, the training indices [M][k]
 */
export function memorizationFromCorrectness(correct: readonly Uint8Array[], subsets: readonly Int32Array[]): MemorizationEstimate {
  const models = correct.length;
  if (models === 0 || subsets.length !== models) {
    throw new InvalidArgumentError('correct', `needs one correctness row per subset, got ${models} rows and ${subsets.length} subsets`);
  }
  const n = correct[0].length;
  const inCount = new Int32Array(n);
  const inHits = new Int32Array(n);
  const totalHits = new Int32Array(n);
  for (let m = 0; m < models; m++) {
    if (correct[m].length !== n) throw new InvalidArgumentError('correct', `row ${m} has ${correct[m].length} values, expected ${n}`);
    for (let i = 0; i < n; i++) totalHits[i] += correct[m][i];
    for (const i of subsets[m]) {
      inCount[i]++;
      inHits[i] += correct[m][i];
    }
  }
  const mem = new Float32Array(n);
  const se = new Float32Array(n);
  const outCount = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const mIn = inCount[i];
    const mOut = models - mIn;
    outCount[i] = mOut;
    const pIn = mIn > 0 ? inHits[i] / mIn : Number.NaN;
    const pOut = mOut > 0 ? (totalHits[i] - inHits[i]) / mOut : Number.NaN;
    mem[i] = pIn - pOut;
    // For 0/1 data the unbiased sample variance is p(1 − p)·m/(m − 1), so s²/m = p(1 − p)/(m − 1).
    se[i] = mIn > 1 && mOut > 1 ? Math.sqrt((pIn * (1 - pIn)) / (mIn - 1) + (pOut * (1 - pOut)) / (mOut - 1)) : Number.NaN;
  }
  return { mem, se, inCount, outCount, models };
}
