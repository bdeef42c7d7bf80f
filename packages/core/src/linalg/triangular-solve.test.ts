import { describe, expect, it } from 'vitest';
import { expectClose, maxAbs } from '../testing/expect-close.ts';
import { linalgReference, unpackLower } from '../testing/linalg-reference.ts';
import { mahalanobisLower, solveLower, solveLowerTransposed } from './index.ts';

// numpy.linalg.solve references: packages/core/fixtures/numerics/make_linalg_fixtures.py.
// Triangular substitution is backward stable with forward error ≲ d·ε·κ(L)·|x| (Higham, Thm 8.5);
// d ≤ 64, κ(L) ≤ 3.1: ≈ 4e-14 relative to max|x|. We allow 1e-13 relative.
describe.each(linalgReference.cholesky)('triangular solves for d = $d', ({ d, l, b, solveLower: y, solveLowerTransposed: x, mahalanobis }) => {
  const factor = unpackLower(l, d);

  it('solveLower matches numpy', () => {
    expectClose(solveLower(factor, d, b), y, 1e-13 * maxAbs(y), 'L⁻¹b');
  });

  it('solveLowerTransposed matches numpy', () => {
    expectClose(solveLowerTransposed(factor, d, b), x, 1e-13 * maxAbs(x), 'L⁻ᵀb');
  });

  it('mahalanobisLower matches bᵀA⁻¹b and fills the scratch with L⁻¹b', () => {
    const scratch = new Float64Array(d);
    expect(Math.abs(mahalanobisLower(factor, d, b, scratch) - mahalanobis)).toBeLessThanOrEqual(1e-13 * mahalanobis);
    expectClose(scratch, y, 1e-13 * maxAbs(y), 'scratch');
  });

  it('solveLower may overwrite its right-hand side and reads from an offset', () => {
    const store = new Float64Array(2 * d * d);
    store.set(factor, d * d);
    const rhs = Float64Array.from(b);
    solveLower(store, d, rhs, rhs, d * d);
    expectClose(rhs, y, 1e-13 * maxAbs(y), 'aliased');
  });
});
