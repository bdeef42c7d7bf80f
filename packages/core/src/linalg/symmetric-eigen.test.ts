import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { createRng } from '../rng/index.ts';
import { expectClose, maxAbs } from '../testing/expect-close.ts';
import { linalgReference } from '../testing/linalg-reference.ts';
import { symmetricEigen } from './index.ts';

/** Groups of indices whose (descending) eigenvalues agree to `tol`: their eigenvectors are only defined as a subspace. */
function clusters(values: ArrayLike<number>, tol: number): number[][] {
  const groups: number[][] = [];
  for (let i = 0; i < values.length; i++) {
    const last = groups.at(-1);
    if (last && Math.abs(values[last.at(-1)!] - values[i]) <= tol) last.push(i);
    else groups.push([i]);
  }
  return groups;
}

/** M = V V_refᵀ, i.e. M[i][j] = ⟨v_i, vref_j⟩. */
function overlap(v: ArrayLike<number>, ref: ArrayLike<number>, d: number): Float64Array {
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) m[i * d + j] += v[i * d + k] * ref[j * d + k];
  return m;
}

describe('symmetricEigen edge cases', () => {
  it('rejects wrong sizes, non-finite and asymmetric input', () => {
    expect(() => symmetricEigen(new Float64Array(3), 2)).toThrow(InvalidArgumentError);
    expect(() => symmetricEigen(Float64Array.of(1, NaN, NaN, 1), 2)).toThrow(InvalidArgumentError);
    expect(() => symmetricEigen(Float64Array.of(1, 2, 3, 1), 2)).toThrow(expect.objectContaining({ parameter: 'a' }));
  });

  it('does not modify its input and tolerates rounding-level asymmetry', () => {
    const a = Float64Array.of(2, 1 + 1e-12, 1, 2);
    const copy = a.slice();
    expectClose(symmetricEigen(a, 2).values, [3, 1], 1e-11, 'values');
    expect(a).toEqual(copy);
  });
});

// numpy.linalg.eigh references (make_linalg_fixtures.py): 1×1, 2×2, random, SPD, a repeated
// spectrum, diagonal, and zero matrices.
describe.each(linalgReference.eigen)('symmetricEigen on $name', ({ d, a, values, vectors }) => {
  const got = symmetricEigen(Float64Array.from(a), d);
  const scale = Math.max(1, maxAbs(values));

  // Weyl: |Δλ| ≤ ‖ΔA‖₂, and both QL and LAPACK's eigh are backward stable with ‖ΔA‖ ≲ d·ε·‖A‖.
  // For d ≤ 40, ‖A‖ ≤ 9: ≈ 8e-14·scale. Allow 1e-12·scale.
  it('eigenvalues match numpy, descending', () => {
    expectClose(got.values, values, 1e-12 * scale, 'eigenvalues');
    for (let i = 1; i < d; i++) expect(got.values[i]).toBeLessThanOrEqual(got.values[i - 1]);
  });

  // Davis–Kahan: an eigenvector moves by ≲ ‖ΔA‖/gap. Within a cluster of equal eigenvalues only
  // the subspace is defined, so |VᵀV_ref| must be block-orthogonal over clusters. The smallest gap
  // between distinct values in these fixtures is ≥ 1e-3 (asserted), so ≲ 1e-13·9/1e-3 ≈ 1e-9.
  it('eigenvectors span the same subspaces as numpy (|V V_refᵀ| ≈ I per cluster)', () => {
    const groups = clusters(values, 1e-9 * scale);
    for (let g = 1; g < groups.length; g++) {
      expect(values[groups[g - 1].at(-1)!] - values[groups[g][0]]).toBeGreaterThan(1e-3);
    }
    const m = overlap(got.vectors, vectors, d);
    const groupOf = new Int32Array(d);
    groups.forEach((group, g) => group.forEach((i) => (groupOf[i] = g)));
    // Within a cluster: Σ_j M[i][j]² = 1 (v_i lies in the reference subspace); across clusters: M ≈ 0.
    const inCluster = new Float64Array(d);
    const across: number[] = [];
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        if (groupOf[i] === groupOf[j]) inCluster[i] += m[i * d + j] ** 2;
        else across.push(m[i * d + j]);
      }
    }
    expectClose(inCluster, new Float64Array(d).fill(1), 1e-9, 'squared projection onto own cluster');
    expectClose(across, new Float64Array(across.length), 1e-9, 'overlap with other clusters');
  });

  it('vectors are orthonormal, reconstruct A, and follow the sign convention', () => {
    expectClose(overlap(got.vectors, got.vectors, d), new Float64Array(d * d).map((_, i) => (i % (d + 1) === 0 ? 1 : 0)), 1e-13 * d, 'VVᵀ');
    const rebuilt = new Float64Array(d * d);
    for (let e = 0; e < d; e++) {
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) rebuilt[i * d + j] += got.values[e] * got.vectors[e * d + i] * got.vectors[e * d + j];
    }
    expectClose(rebuilt, a, 1e-13 * d * scale, 'Vᵀ Λ V');
    for (let e = 0; e < d; e++) {
      const row = Array.from(got.vectors.subarray(e * d, e * d + d));
      const pivot = row.reduce((best, v, k) => (Math.abs(v) > Math.abs(row[best]) ? k : best), 0);
      expect(row[pivot]).toBeGreaterThan(0);
    }
  });
});

describe('symmetricEigen at d = 200', () => {
  // Invariant check at a size where cache-friendly indexing matters: residual ‖A v − λ v‖ ≲ d·ε·‖A‖.
  it('has residuals below 1e-12·‖A‖ and orthonormal vectors', () => {
    const d = 200;
    const rng = createRng(11);
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) a[i * d + j] = a[j * d + i] = rng.normal();
    const { values, vectors } = symmetricEigen(a, d);
    const norm = Math.max(Math.abs(values[0]), Math.abs(values[d - 1]));
    let worst = 0;
    for (let e = 0; e < d; e++) {
      for (let i = 0; i < d; i++) {
        let sum = 0;
        for (let j = 0; j < d; j++) sum += a[i * d + j] * vectors[e * d + j];
        worst = Math.max(worst, Math.abs(sum - values[e] * vectors[e * d + i]));
      }
    }
    expect(worst).toBeLessThan(1e-12 * norm);
    let trace = 0;
    for (let i = 0; i < d; i++) trace += a[i * d + i];
    expect(Math.abs(values.reduce((s, v) => s + v, 0) - trace)).toBeLessThan(1e-11 * norm);
  });
});
