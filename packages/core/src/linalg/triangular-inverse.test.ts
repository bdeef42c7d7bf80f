import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { expectClose, maxAbs } from '../testing/expect-close.ts';
import { linalgReference, unpackLower } from '../testing/linalg-reference.ts';
import { invertLower } from './index.ts';

describe('invertLower', () => {
  it('inverts small cases exactly', () => {
    expect(Array.from(invertLower(Float64Array.of(2), 1))).toEqual([0.5]);
    // [[2, 0], [1, 4]]⁻¹ = [[1/2, 0], [−1/8, 1/4]]; the 9 above the diagonal is ignored.
    expect(Array.from(invertLower(Float64Array.of(2, 9, 1, 4), 2))).toEqual([0.5, 0, -0.125, 0.25]);
  });

  it('rejects a zero diagonal', () => {
    expect(() => invertLower(Float64Array.of(1, 0, 3, 0), 2)).toThrow(InvalidArgumentError);
  });

  // numpy.linalg.inv reference (make_linalg_fixtures.py). Inverting a triangular matrix has forward
  // error ≲ d·ε·κ(L)·max|L⁻¹| (Higham §14.2); d ≤ 64, κ(L) ≤ 3.1: 4e-14 relative. Allow 1e-13.
  it.each(linalgReference.cholesky)('matches numpy.linalg.inv for d = $d, with L·L⁻¹ = I', ({ d, l, inverseL }) => {
    const factor = unpackLower(l, d);
    const want = unpackLower(inverseL, d);
    const got = invertLower(factor, d);
    expectClose(got, want, 1e-13 * maxAbs(want), `L⁻¹ (d = ${d})`);
    const product = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) product[i * d + j] += factor[i * d + k] * got[k * d + j];
    const identity = new Float64Array(d * d).map((_, i) => (i % (d + 1) === 0 ? 1 : 0));
    expectClose(product, identity, 1e-13 * d, `L·L⁻¹ (d = ${d})`);
  });
});
