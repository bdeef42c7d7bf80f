import type { Rng } from '../rng/index.ts';

/** Lloyd iterations of the 2-means that seeds a cluster's sides. */
const SEED_ITERATIONS = 5;

/**
 * Seeds the sides (0/1) of every cluster k with flagged[k] = 1 by 2-means (Euclidean, coordinate j
 * weighted by `weight[j]`; centres two distinct random members; SEED_ITERATIONS Lloyd steps), the
 * "smart split" initialisation of DPMMSubClusters.jl. The sides are auxiliary variables: how they are
 * seeded changes which splits get proposed, not the split and merge acceptance ratios.
 * A cluster of one point, or a 2-means that leaves a side empty, gets random sides.
 * @param points [n, d]; labels [n] cluster per point; sides [n], written for flagged clusters' points
 */
export function seedSides(
  points: Float64Array,
  d: number,
  labels: Int32Array,
  sides: Int32Array,
  flagged: Uint8Array,
  weight: Float64Array,
  rng: Rng,
): void {
  const n = labels.length;
  const members: number[][] = Array.from({ length: flagged.length }, () => []);
  for (let i = 0; i < n; i++) if (flagged[labels[i]]) members[labels[i]].push(i);
  const centres = [new Float64Array(d), new Float64Array(d)];
  const distance = (i: number, c: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = points[i * d + j] - c[j];
      s += weight[j] * diff * diff;
    }
    return s;
  };
  for (let k = 0; k < flagged.length; k++) {
    const own = members[k];
    if (!flagged[k] || own.length === 0) continue;
    if (own.length < 2) {
      for (const i of own) sides[i] = rng.integer(2);
      continue;
    }
    const first = rng.integer(own.length);
    const second = (first + 1 + rng.integer(own.length - 1)) % own.length;
    centres[0].set(points.subarray(own[first] * d, own[first] * d + d));
    centres[1].set(points.subarray(own[second] * d, own[second] * d + d));
    const sizes = [0, 0];
    for (let iter = 0; iter < SEED_ITERATIONS; iter++) {
      for (const i of own) sides[i] = distance(i, centres[1]) < distance(i, centres[0]) ? 1 : 0;
      sizes[0] = sizes[1] = 0;
      centres[0].fill(0);
      centres[1].fill(0);
      for (const i of own) {
        const s = sides[i];
        sizes[s]++;
        for (let j = 0; j < d; j++) centres[s][j] += points[i * d + j];
      }
      if (sizes[0] === 0 || sizes[1] === 0) break;
      for (let s = 0; s < 2; s++) for (let j = 0; j < d; j++) centres[s][j] /= sizes[s];
    }
    if (sizes[0] === 0 || sizes[1] === 0) for (const i of own) sides[i] = rng.integer(2);
  }
}

/**
 * k-means labels 0..k−1 of `points` [n, d] (coordinate j weighted by `weight[j]`): k-means++ centres,
 * then SEED_ITERATIONS Lloyd steps. Empty clusters may remain (the caller compacts the labels).
 */
export function kMeansLabels(points: Float64Array, n: number, d: number, k: number, weight: Float64Array, rng: Rng): Int32Array {
  const centres = new Float64Array(k * d);
  const labels = new Int32Array(n);
  const best = new Float64Array(n).fill(Infinity);
  const distance = (i: number, c: number): number => {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = points[i * d + j] - centres[c * d + j];
      s += weight[j] * diff * diff;
    }
    return s;
  };
  const first = rng.integer(n);
  centres.set(points.subarray(first * d, first * d + d), 0);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      best[i] = Math.min(best[i], distance(i, c - 1));
      total += best[i];
    }
    let u = rng.uniform() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      u -= best[i];
      if (u < 0) {
        pick = i;
        break;
      }
    }
    centres.set(points.subarray(pick * d, pick * d + d), c * d);
  }
  const sizes = new Int32Array(k);
  for (let iter = 0; iter <= SEED_ITERATIONS; iter++) {
    for (let i = 0; i < n; i++) {
      let label = 0;
      let nearest = Infinity;
      for (let c = 0; c < k; c++) {
        const dist = distance(i, c);
        if (dist < nearest) [nearest, label] = [dist, c];
      }
      labels[i] = label;
    }
    if (iter === SEED_ITERATIONS) break;
    sizes.fill(0);
    centres.fill(0);
    for (let i = 0; i < n; i++) {
      sizes[labels[i]]++;
      for (let j = 0; j < d; j++) centres[labels[i] * d + j] += points[i * d + j];
    }
    for (let c = 0; c < k; c++) if (sizes[c] > 0) for (let j = 0; j < d; j++) centres[c * d + j] /= sizes[c];
  }
  return labels;
}
