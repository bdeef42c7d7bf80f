/** Groups reduced points into per-class `ClassData` for `fitClassDensities`. */
import type { ClassData } from '@classfit/core/dpgmm';

/**
 * One ClassData per label (ascending) from the given rows of `z` [n, k]; classes with fewer
 * than 2 rows cannot be fitted and are left out.
 * @param positions row positions into `z` (and `labels`) to use
 */
export function classDataFrom(z: Float64Array, k: number, labels: Int32Array, positions: ArrayLike<number>, names: ReadonlyMap<number, string>): ClassData[] {
  return classRows(labels, positions).map(({ label, rows }) => {
    const points = new Float64Array(rows.length * k);
    rows.forEach((p, r) => points.set(z.subarray(p * k, (p + 1) * k), r * k));
    return { label, name: names.get(label) ?? `class_${label}`, points, n: rows.length };
  });
}

/** The rows of each class among `positions` as {@link classDataFrom} orders them: labels ascending, classes of ≥ 2 rows, rows in `positions` order. */
export function classRows(labels: Int32Array, positions: ArrayLike<number>): { label: number; rows: number[] }[] {
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    const list = byLabel.get(labels[p]) ?? [];
    list.push(p);
    byLabel.set(labels[p], list);
  }
  return [...byLabel.keys()]
    .sort((a, b) => a - b)
    .filter((label) => byLabel.get(label)!.length >= 2)
    .map((label) => ({ label, rows: byLabel.get(label)! }));
}

/** Copies rows `positions` of `z` [n, k] into a new [positions.length, k] array. */
export function gatherRows(z: Float64Array, k: number, positions: ArrayLike<number>): Float64Array {
  const out = new Float64Array(positions.length * k);
  for (let i = 0; i < positions.length; i++) out.set(z.subarray(positions[i] * k, (positions[i] + 1) * k), i * k);
  return out;
}
