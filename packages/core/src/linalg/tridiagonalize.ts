/**
 * tred2: Householder reduction of a symmetric matrix to tridiagonal form T = Qᵀ A Q, with the
 * orthogonal Q accumulated (EISPACK tred2 as written in JAMA).
 *
 * JAMA's loops walk down columns of V; here `w` holds Vᵀ so that those walks run along contiguous
 * rows of a row-major array (a ~5× difference at d = 2048). Since A is symmetric, Aᵀ = A is also
 * the right starting value of w.
 *
 * @param w on entry the symmetric [n, n]; on return Qᵀ (row j = column j of Q)
 * @param diag out [n]: diagonal of T
 * @param off out [n]: sub-diagonal of T in off[1..n-1], off[0] = 0
 */
export function tridiagonalize(w: Float64Array, n: number, diag: Float64Array, off: Float64Array): void {
  // V[r][c] in JAMA is w[c * n + r] here.
  for (let j = 0; j < n; j++) diag[j] = w[j * n + n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(diag[k]);
    if (scale === 0) {
      off[i] = diag[i - 1];
      for (let j = 0; j < i; j++) {
        diag[j] = w[j * n + i - 1];
        w[j * n + i] = 0;
        w[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        diag[k] /= scale;
        h += diag[k] * diag[k];
      }
      let f = diag[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      off[i] = scale * g;
      h -= f * g;
      diag[i - 1] = f - g;
      for (let j = 0; j < i; j++) off[j] = 0;
      // Apply the similarity transformation to the remaining columns.
      for (let j = 0; j < i; j++) {
        const row = j * n;
        f = diag[j];
        w[i * n + j] = f;
        g = off[j] + w[row + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += w[row + k] * diag[k];
          off[k] += w[row + k] * f;
        }
        off[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        off[j] /= h;
        f += off[j] * diag[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) off[j] -= hh * diag[j];
      for (let j = 0; j < i; j++) {
        const row = j * n;
        f = diag[j];
        g = off[j];
        for (let k = j; k <= i - 1; k++) w[row + k] -= f * off[k] + g * diag[k];
        diag[j] = w[row + i - 1];
        w[row + i] = 0;
      }
    }
    diag[i] = h;
  }
  accumulate(w, n, diag);
  off[0] = 0;
}

/** Builds Q from the stored Householder vectors (second half of tred2). */
function accumulate(w: Float64Array, n: number, diag: Float64Array): void {
  for (let i = 0; i < n - 1; i++) {
    w[i * n + n - 1] = w[i * n + i];
    w[i * n + i] = 1;
    const h = diag[i + 1];
    const next = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) diag[k] = w[next + k] / h;
      for (let j = 0; j <= i; j++) {
        const row = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += w[next + k] * w[row + k];
        for (let k = 0; k <= i; k++) w[row + k] -= g * diag[k];
      }
    }
    for (let k = 0; k <= i; k++) w[next + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    diag[j] = w[j * n + n - 1];
    w[j * n + n - 1] = 0;
  }
  w[(n - 1) * n + n - 1] = 1;
}
