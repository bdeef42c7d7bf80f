import { InvalidArgumentError } from '../errors/index.ts';
import { tridiagonalize } from './tridiagonalize.ts';

/** Eigendecomposition A = Vᵀ diag(values) V of a symmetric matrix; rows of `vectors` are eigenvectors. */
export interface SymmetricEigen {
  /** Eigenvalues [d], descending. */
  values: Float64Array;
  /** [d, d] row-major; row i is the unit eigenvector of values[i], its largest-|.| entry positive. */
  vectors: Float64Array;
}

const MAX_SWEEPS_PER_VALUE = 60;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix: Householder tridiagonalisation
 * followed by the implicit QL algorithm (EISPACK tred2/tql2, as in JAMA), O(d³).
 * @param a symmetric [d, d] row-major; not modified. Asymmetry up to 1e-6·max|a| (rounding in a
 *   computed Gram matrix) is tolerated by using (A + Aᵀ)/2.
 * @param d the order, ≥ 1
 * @returns eigenvalues descending, eigenvectors as rows, each signed so its largest-|.| entry is positive
 * Throws `InvalidArgumentError('a', …)` for a wrong length, non-finite or clearly asymmetric input.
 */
export function symmetricEigen(a: Float64Array, d: number): SymmetricEigen {
  const w = symmetrizedCopy(a, d);
  const diag = new Float64Array(d);
  const off = new Float64Array(d);
  tridiagonalize(w, d, diag, off);
  implicitQl(w, d, diag, off);
  return sortDescending(w, d, diag);
}

function symmetrizedCopy(a: Float64Array, d: number): Float64Array {
  if (!Number.isSafeInteger(d) || d < 1 || a.length !== d * d) {
    throw new InvalidArgumentError('a', `must be a [d, d] matrix with d ≥ 1; got length ${a.length} for d = ${d}`);
  }
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new InvalidArgumentError('a', `must be finite; entry (${Math.floor(i / d)}, ${i % d}) is ${a[i]}`);
    scale = Math.max(scale, Math.abs(a[i]));
  }
  const w = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const upper = a[j * d + i];
      const lower = a[i * d + j];
      if (Math.abs(upper - lower) > 1e-6 * scale) {
        throw new InvalidArgumentError('a', `must be symmetric; entries (${i}, ${j}) = ${lower} and (${j}, ${i}) = ${upper}`);
      }
      w[i * d + j] = w[j * d + i] = 0.5 * (upper + lower);
    }
  }
  return w;
}

/**
 * tql2: diagonalises the symmetric tridiagonal (diag, off) by implicit QL with Wilkinson-like
 * shifts, applying each plane rotation to the rows of `w` (which hold the transformation so far,
 * transposed). On return `diag` holds the eigenvalues and row i of `w` the eigenvector of diag[i].
 */
function implicitQl(w: Float64Array, n: number, diag: Float64Array, off: Float64Array): void {
  for (let i = 1; i < n; i++) off[i - 1] = off[i];
  off[n - 1] = 0;
  let shiftSum = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(diag[l]) + Math.abs(off[l]));
    let m = l;
    while (m < n - 1 && Math.abs(off[m]) > eps * tst1) m++;
    if (m > l) {
      let sweeps = 0;
      do {
        if (++sweeps > MAX_SWEEPS_PER_VALUE) throw new Error(`symmetricEigen: QL did not converge for eigenvalue ${l}`);
        let g = diag[l];
        let p = (diag[l + 1] - g) / (2 * off[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        diag[l] = off[l] / (p + r);
        diag[l + 1] = off[l] * (p + r);
        const dl1 = diag[l + 1];
        let h = g - diag[l];
        for (let i = l + 2; i < n; i++) diag[i] -= h;
        shiftSum += h;
        p = diag[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = off[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * off[i];
          h = c * p;
          r = hypot(p, off[i]);
          off[i + 1] = s * r;
          s = off[i] / r;
          c = p / r;
          p = c * diag[i] - s * g;
          diag[i + 1] = h + s * (c * g + s * diag[i]);
          rotateRows(w, n, i, s, c);
        }
        p = (-s * s2 * c3 * el1 * off[l]) / dl1;
        off[l] = s * p;
        diag[l] = c * p;
      } while (Math.abs(off[l]) > eps * tst1);
    }
    diag[l] += shiftSum;
    off[l] = 0;
  }
}

/** Rows i and i+1 of w ← the plane rotation (c, s) applied to them. */
function rotateRows(w: Float64Array, n: number, i: number, s: number, c: number): void {
  const ri = i * n;
  const rj = ri + n;
  for (let k = 0; k < n; k++) {
    const h = w[rj + k];
    const v = w[ri + k];
    w[rj + k] = s * v + c * h;
    w[ri + k] = c * v - s * h;
  }
}

function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const t = y / x;
    return x * Math.sqrt(1 + t * t);
  }
  if (y === 0) return 0;
  const t = x / y;
  return y * Math.sqrt(1 + t * t);
}

function sortDescending(w: Float64Array, n: number, diag: Float64Array): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => diag[j] - diag[i] || i - j);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = diag[from];
    const row = w.subarray(from * n, from * n + n);
    let pivot = 0;
    for (let k = 1; k < n; k++) if (Math.abs(row[k]) > Math.abs(row[pivot])) pivot = k;
    const sign = row[pivot] < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) vectors[to * n + k] = sign * row[k];
  });
  return { values, vectors };
}
