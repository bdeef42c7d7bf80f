import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { expectClose, maxAbs } from '../testing/expect-close.ts';
import { linalgReference, unpackLower } from '../testing/linalg-reference.ts';
import { cholesky, choleskyRankOne, NotPositiveDefiniteError } from './index.ts';

// METHOD.md K.1 item 2: chol(LLᵀ ± m·uuᵀ) against numpy.linalg.cholesky (make_linalg_fixtures.py).
const cases = linalgReference.cholesky.filter((c) => c.d >= 2);

// Givens-type updates are backward stable (Stewart 1979): ≲ d·ε relative to ‖L‖ per step. The
// downdate's hyperbolic rotations amplify by 1/√(1 − m·uᵀA⁻¹u) = √5 for the scripted 0.8; with
// d ≤ 64 the expected error is ≈ 64·2.2e-16·√5 ≈ 3e-14 relative, so 1e-12 relative is generous
// while any wrong sign or index gives O(1) errors.
const tolerance = (l: ArrayLike<number>) => 1e-12 * maxAbs(l);

describe('choleskyRankOne', () => {
  it.each(cases)('update matches numpy for d = $d', ({ d, l, u, multiplier, updated }) => {
    const factor = unpackLower(l, d);
    choleskyRankOne(factor, d, Float64Array.from(u), multiplier, 1);
    expectClose(factor, unpackLower(updated, d), tolerance(factor), `updated L (d = ${d})`);
  });

  it.each(cases)('downdate matches numpy for d = $d', ({ d, l, uDown, multiplier, downdated }) => {
    const factor = unpackLower(l, d);
    choleskyRankOne(factor, d, Float64Array.from(uDown), multiplier, -1);
    expectClose(factor, unpackLower(downdated, d), tolerance(factor), `downdated L (d = ${d})`);
  });

  it.each(cases)('update then downdate returns L for d = $d', ({ d, l, u, multiplier }) => {
    const original = unpackLower(l, d);
    const factor = original.slice();
    choleskyRankOne(factor, d, Float64Array.from(u), multiplier, 1);
    choleskyRankOne(factor, d, Float64Array.from(u), multiplier, -1);
    expectClose(factor, original, tolerance(original), `round trip (d = ${d})`);
  });

  it.each(cases)('throws NotPositiveDefiniteError when a downdate loses definiteness (d = $d)', ({ d, l, uFail, multiplier }) => {
    // The script scales uFail so that m·uᵀA⁻¹u = 1.2 > 1: A − m·uuᵀ is indefinite.
    expect(() => choleskyRankOne(unpackLower(l, d), d, Float64Array.from(uFail), multiplier, -1)).toThrow(NotPositiveDefiniteError);
  });

  it('works on a factor stored at an offset and leaves the rest alone', () => {
    const { d, l, u, multiplier, updated } = cases[1];
    const store = new Float64Array(3 * d * d).fill(7);
    store.set(unpackLower(l, d), d * d);
    choleskyRankOne(store, d, Float64Array.from(u), multiplier, 1, d * d);
    expectClose(store.subarray(d * d, 2 * d * d), unpackLower(updated, d), tolerance(store.subarray(d * d, 2 * d * d)), 'offset');
    expect(store.subarray(0, d * d).every((v) => v === 7) && store.subarray(2 * d * d).every((v) => v === 7)).toBe(true);
  });

  it('a sequence of 200 random updates and downdates agrees with refactorising (d = 16)', () => {
    // Invariant, no fixture: track A explicitly and compare with cholesky(A) at the end.
    const rng = createRng(7);
    const d = 16;
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) a[i * d + i] = 4;
    const factor = cholesky(a, d);
    const added: Float64Array[] = [];
    for (let step = 0; step < 200; step++) {
      const remove = added.length > 0 && rng.uniform() < 0.4;
      const u = remove ? added.splice(rng.integer(added.length), 1)[0] : Float64Array.from({ length: d }, () => rng.normal());
      if (!remove) added.push(u);
      const sign = remove ? -1 : 1;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) a[i * d + j] += sign * 0.5 * u[i] * u[j];
      choleskyRankOne(factor, d, u.slice(), 0.5, sign);
    }
    const want = cholesky(a, d);
    expectClose(factor, want, 1e-11 * maxAbs(want), 'after 200 steps');
  });
});
