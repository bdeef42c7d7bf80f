import { InvalidArgumentError } from '../errors/index.ts';

/**
 * Mean intra-class distance (METHOD.md E, Fig. 2 companion): the mean of all
 * non-zero entries of the Euclidean distance matrix of a class's points
 * (both orderings of each pair, diagonal and duplicate points excluded, as
 * the paper code's `dists[dists > 0].mean()`).
 * @param points [n, d] row-major
 * @returns the mean distance, NaN when no pair is at non-zero distance
 */
export function meanIntraClassDistance(points: Float64Array | Float32Array, n: number, d: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(d) || points.length !== n * d) {
    throw new InvalidArgumentError('points', `must be [n, d] = [${n}, ${d}] row-major, got ${points.length} values`);
  }
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let squares = 0;
      for (let k = 0; k < d; k++) squares += (points[i * d + k] - points[j * d + k]) ** 2;
      if (squares > 0) {
        sum += Math.sqrt(squares);
        count++;
      }
    }
  }
  // Each unordered pair appears twice in the full matrix: the mean is unchanged.
  return count === 0 ? NaN : sum / count;
}
