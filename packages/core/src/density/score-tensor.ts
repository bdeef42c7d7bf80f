import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../tensor/index.ts';
import { inverseFactors, packedTriangleSize, type PreparedModel } from './prepared-model.ts';
import { planBlocks, type ClassBlock } from './score-blocks.ts';

/** Options of the TensorFlow.js kernel. */
export interface TensorKernelOptions {
  /**
   * Upper bound on the elements of the largest intermediate tensor
   * ([points, components · d], float32); chunks and class blocks are sized to it.
   * Default 2²² (16 MB per intermediate).
   */
  readonly maxElements?: number;
}

/**
 * TensorFlow.js kernel with the same output as `exactGroupLogDensities`:
 * [n, classIndices.length · G] log-densities per (class, trace group), float32
 * arithmetic. Per class block, every component's inverse factor L_k⁻¹ is
 * stacked into W [d, K_b·d]; the Mahalanobis terms of a chunk of points under
 * all K_b components are one matmul, ‖(x − c)W − L⁻¹(m − c)‖² per component.
 * Points are centred on the block's mean location in Float64 before the
 * float32 cast, which removes most of the cancellation in that difference.
 * Every tensor is created inside `tf.tidy` or disposed explicitly.
 */
export async function tensorGroupLogDensities(
  prepared: PreparedModel,
  points: Float64Array,
  n: number,
  classIndices: readonly number[],
  options: TensorKernelOptions = {},
): Promise<Float64Array> {
  await ensureBackend();
  const d = prepared.dim;
  const groups = prepared.groups;
  const width = classIndices.length * groups;
  const out = new Float64Array(n * width);
  if (n === 0) return out;
  const maxElements = options.maxElements ?? 2 ** 22;
  for (const block of planBlocks(prepared, classIndices, maxElements)) {
    const chunk = Math.max(1, Math.min(n, Math.floor(maxElements / (block.components * d))));
    const constants = blockTensors(prepared, block);
    const centred = tf.tensor2d(centre(points, n, d, block.centre), [n, d], 'float32');
    try {
      for (let start = 0; start < n; start += chunk) {
        const rows = Math.min(chunk, n - start);
        const result = tf.tidy(() => chunkLogDensities(tf.slice(centred, [start, 0], [rows, d]), constants, block, d));
        const values = await result.data();
        result.dispose();
        await nextTurnOfEventLoop();
        const blockGroups = block.classIndices.length * groups;
        for (let r = 0; r < rows; r++) {
          const o = (start + r) * width + block.firstColumn;
          for (let g = 0; g < blockGroups; g++) out[o + g] = values[r * blockGroups + g];
        }
      }
    } finally {
      centred.dispose();
      tf.dispose(Object.values(constants));
    }
  }
  return out;
}

interface BlockTensors {
  /** [d, K_b·d]: column block k holds (L_k⁻¹)ᵀ. */
  readonly w: tf.Tensor2D;
  /** [K_b·d]: L_k⁻¹(m_k − centre). */
  readonly offsets: tf.Tensor1D;
  /** [K_b]: ln(w_k/W_g) + log normaliser. */
  readonly bias: tf.Tensor1D;
  /** [K_b]: (ν_k + d)/2. */
  readonly halfPower: tf.Tensor1D;
  /** [K_b]: 1/ν_k. */
  readonly inverseDf: tf.Tensor1D;
  /** [groups·K_max]: component column per (group, slot); K_b pads. */
  readonly gather: tf.Tensor1D;
}

function chunkLogDensities(x: tf.Tensor2D, t: BlockTensors, block: ClassBlock, d: number): tf.Tensor2D {
  const rows = x.shape[0];
  const k = block.components;
  const y = tf.sub(tf.matMul(x, t.w), t.offsets);
  const maha = tf.sum(tf.square(tf.reshape(y, [rows, k, d])), 2);
  const logPdf = tf.sub(t.bias, tf.mul(t.halfPower, accurateLog1p(tf.mul(maha, t.inverseDf))));
  const padded = tf.concat([logPdf, tf.fill([rows, 1], -Infinity)], 1);
  const slots = tf.reshape(tf.gather(padded, t.gather, 1), [rows, block.groupCount, block.maxGroupSize]);
  return tf.logSumExp(slots, 2) as tf.Tensor2D;
}

/**
 * log(1 + u) accurate for tiny u in float32. The wasm backend's log1p loses u
 * below float32 ε (1 + u rounds to 1), which for ν = 1e8 zeroes the whole
 * Mahalanobis term; Goldberg's identity log1p(u) = log(w)·u/(w − 1), w = 1 + u,
 * cancels that rounding (and is exactly u when w = 1).
 */
function accurateLog1p(u: tf.Tensor): tf.Tensor {
  const w = tf.add(u, 1);
  const shifted = tf.sub(w, 1);
  const ratio = tf.div(tf.mul(tf.log(w), u), tf.maximum(shifted, 1e-30));
  return tf.where(tf.equal(shifted, 0), u, ratio);
}

function blockTensors(prepared: PreparedModel, block: ClassBlock): BlockTensors {
  const d = prepared.dim;
  const k = block.components;
  const size = packedTriangleSize(d);
  // Column block j of W holds (L_j⁻¹)ᵀ: entry (s, j·d + i) = (L_j⁻¹)_{is}, zero above the diagonal.
  const w = new Float32Array(d * k * d);
  const offsets = new Float32Array(k * d);
  const bias = new Float32Array(k);
  const halfPower = new Float32Array(k);
  const inverseDf = new Float32Array(k);
  const shifted = new Float64Array(d);
  let column = 0;
  for (const c of block.classIndices) {
    const cls = prepared.classes[c];
    const inv = inverseFactors(cls, d);
    for (let j = 0; j < cls.size; j++, column++) {
      for (let r = 0; r < d; r++) shifted[r] = cls.loc[j * d + r] - block.centre[r];
      for (let i = 0, row = j * size; i < d; row += i + 1, i++) {
        let sum = 0;
        for (let s = 0; s <= i; s++) {
          sum += inv[row + s] * shifted[s];
          w[s * k * d + column * d + i] = inv[row + s];
        }
        offsets[column * d + i] = sum;
      }
      bias[column] = cls.logWeightInGroup[j] + cls.logNormaliser[j];
      halfPower[column] = (cls.df[j] + d) / 2;
      inverseDf[column] = 1 / cls.df[j];
    }
  }
  return {
    w: tf.tensor2d(w, [d, k * d]),
    offsets: tf.tensor1d(offsets),
    bias: tf.tensor1d(bias),
    halfPower: tf.tensor1d(halfPower),
    inverseDf: tf.tensor1d(inverseDf),
    gather: tf.tensor1d(block.gatherIndex, 'int32'),
  };
}

function centre(points: Float64Array, n: number, d: number, c: Float64Array): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = points[i * d + j] - c[j];
  return out;
}

/**
 * A CPU backend's `data()` resolves at once (a microtask), so a long scoring call would hold the event loop for its
 * whole length: messages of the sampler's worker threads (each waits for the main thread at every checkpoint of a
 * fit that runs beside the scoring) and of a server wait behind it. One turn per chunk (tens of ms of work).
 */
function nextTurnOfEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
