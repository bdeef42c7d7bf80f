import * as tf from '@tensorflow/tfjs-core';

/** Rows per block of the typed-array kernel: a block of D = 2048 columns is 1 MiB, so it stays in cache. */
const BLOCK_ROWS = 64;

/**
 * Gram matrix XᵀX in float64 with plain typed arrays, O(n·D²/2).
 * X is processed in blocks of rows, transposed so that each Gram entry is a contiguous dot product.
 * @param x [n, D] row-major
 * @returns [D, D] row-major, exactly symmetric
 */
export function gramMatrix(x: Float32Array | Float64Array, n: number, dim: number): Float64Array {
  const gram = new Float64Array(dim * dim);
  const block = new Float64Array(dim * BLOCK_ROWS);
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const rows = Math.min(BLOCK_ROWS, n - start);
    // block[a * rows + r] = x[start + r, a]
    for (let r = 0; r < rows; r++) {
      const source = (start + r) * dim;
      for (let a = 0; a < dim; a++) block[a * rows + r] = x[source + a];
    }
    for (let a = 0; a < dim; a++) accumulateRow(block, rows, dim, a, gram);
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) gram[a * dim + b] = gram[b * dim + a];
  return gram;
}

/** gram[a][b] += ⟨block_a, block_b⟩ for b ≥ a, four columns b at a time to reuse each load of block_a. */
function accumulateRow(block: Float64Array, rows: number, dim: number, a: number, gram: Float64Array): void {
  const rowA = a * rows;
  const out = a * dim;
  let b = a;
  for (; b + 3 < dim; b += 4) {
    const r0 = b * rows;
    const r1 = r0 + rows;
    const r2 = r1 + rows;
    const r3 = r2 + rows;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let r = 0; r < rows; r++) {
      const v = block[rowA + r];
      s0 += v * block[r0 + r];
      s1 += v * block[r1 + r];
      s2 += v * block[r2 + r];
      s3 += v * block[r3 + r];
    }
    gram[out + b] += s0;
    gram[out + b + 1] += s1;
    gram[out + b + 2] += s2;
    gram[out + b + 3] += s3;
  }
  for (; b < dim; b++) {
    const rowB = b * rows;
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += block[rowA + r] * block[rowB + r];
    gram[out + b] += sum;
  }
}

/**
 * Gram matrix XᵀX on the active TensorFlow.js backend: `tf.matMul(chunk, chunk, true, false)` per
 * chunk of rows in float32, the chunk products summed in float64 so that rounding does not grow
 * with n. Every tensor is disposed before returning.
 * @param x [n, D] row-major
 * @param chunkRows rows per matMul (default 4096)
 * @returns [D, D] row-major, exactly symmetric
 */
export async function gramMatrixTensor(
  x: Float32Array | Float64Array,
  n: number,
  dim: number,
  chunkRows = 4096,
): Promise<Float64Array> {
  const gram = new Float64Array(dim * dim);
  for (let start = 0; start < n; start += chunkRows) {
    const rows = Math.min(chunkRows, n - start);
    const values32 = x instanceof Float32Array ? x.subarray(start * dim, (start + rows) * dim) : Float32Array.from(x.subarray(start * dim, (start + rows) * dim));
    const product = tf.tidy(() => {
      const chunk = tf.tensor2d(values32, [rows, dim], 'float32');
      return tf.matMul(chunk, chunk, true, false);
    });
    try {
      const values = await product.data();
      for (let i = 0; i < gram.length; i++) gram[i] += values[i];
    } finally {
      product.dispose();
    }
  }
  // Blocked float32 kernels need not give bit-identical (a, b) and (b, a) entries.
  for (let a = 0; a < dim; a++) {
    for (let b = 0; b < a; b++) {
      const mean = 0.5 * (gram[a * dim + b] + gram[b * dim + a]);
      gram[a * dim + b] = gram[b * dim + a] = mean;
    }
  }
  return gram;
}
