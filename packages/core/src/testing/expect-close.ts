import { expect } from 'vitest';

/**
 * Asserts max_i |got[i] − want[i]| ≤ tol; on failure the message names the worst entry, both
 * values and the tolerance (STYLE.md 12). NaN anywhere counts as a failure.
 * @param got, want same length
 * @param label what is being compared, e.g. 'L (d = 16)'
 */
export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number, label: string): void {
  expect(got.length, `${label}: length`).toBe(want.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const error = Math.abs(got[i] - want[i]);
    if (!(error <= worst)) [worst, at] = [Number.isNaN(error) ? Infinity : error, i];
  }
  const where = at < 0 ? 'all entries' : `entry ${at} got ${got[at]}, want ${want[at]}`;
  expect(worst, `${label}: ${where}, tolerance ${tol}`).toBeLessThanOrEqual(tol);
}

/** max_i |values[i]|, the scale that relative tolerances multiply. */
export function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}
