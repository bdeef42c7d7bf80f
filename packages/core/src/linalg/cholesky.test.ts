import { describe, expect, it } from 'vitest';
import { expectClose, maxAbs } from '../testing/expect-close.ts';
import { linalgReference, unpackLower } from '../testing/linalg-reference.ts';
import { cholesky, logDetFromCholesky, NotPositiveDefiniteError } from './index.ts';

// numpy.linalg reference values: packages/core/fixtures/numerics/make_linalg_fixtures.py.
const cases = linalgReference.cholesky;

describe('cholesky', () => {
  it('rejects a matrix that is not positive definite, naming the column', () => {
    expect(() => cholesky(Float64Array.of(1, 2, 2, 1), 2)).toThrow(NotPositiveDefiniteError);
    expect(() => cholesky(Float64Array.of(1, 0, 0, NaN), 2)).toThrow(expect.objectContaining({ column: 1 }));
  });

  // Cholesky is backward stable: each computed entry is off by ≲ d·ε·κ(L)·max|L| (Higham, Thm 10.3);
  // here d ≤ 64 and κ(L) ≤ 3.1 (stored by the script, checked below), so 64·2.2e-16·3.1 ≈ 4.4e-14 relative, on
  // both numpy's side and ours. 1e-13 relative leaves room without hiding a wrong entry.
  it.each(cases)('matches numpy.linalg.cholesky for d = $d', ({ d, a, l, logDet, conditionL }) => {
    expect(conditionL).toBeLessThan(3.2);
    const want = unpackLower(l, d);
    const got = cholesky(Float64Array.from(a), d);
    expectClose(got, want, 1e-13 * maxAbs(want), `L (d = ${d})`);
    expect(Math.abs(logDetFromCholesky(got, d) - logDet)).toBeLessThanOrEqual(1e-13 * d);
  });
});
