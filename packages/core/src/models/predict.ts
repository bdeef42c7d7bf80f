import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

/**
 * Logits of `model` for every image, in inference mode (BN moving statistics), batched.
 * Reads each batch asynchronously, so it runs on every backend, webgpu included.
 * @param images normalised images [n, h, w, c], float32
 * @param shape [h, w, c]
 * @param batchSize examples per forward pass (default 256)
 * @returns logits [n, classes], float32
 */
export async function predictLogits(model: LayersModel, images: Float32Array, shape: readonly [number, number, number], batchSize = 256): Promise<Float32Array> {
  const size = shape[0] * shape[1] * shape[2];
  const n = images.length / size;
  const classes = (model.outputs[0].shape[1] as number) ?? 0;
  const out = new Float32Array(n * classes);
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const logits = tf.tidy(() => model.predict(tf.tensor4d(images.subarray(start * size, (start + count) * size), [count, ...shape])) as tf.Tensor);
    try {
      out.set((await logits.data()) as Float32Array, start * classes);
    } finally {
      logits.dispose();
    }
  }
  return out;
}

/**
 * `predictLogits` read synchronously, for callers that must be synchronous (CERTIFY's base classifier).
 * Not on webgpu: tfjs-backend-webgpu's synchronous read needs OffscreenCanvas, which Node lacks.
 */
export function predictLogitsSync(model: LayersModel, images: Float32Array, shape: readonly [number, number, number], batchSize = 256): Float32Array {
  const size = shape[0] * shape[1] * shape[2];
  const n = images.length / size;
  const classes = (model.outputs[0].shape[1] as number) ?? 0;
  const out = new Float32Array(n * classes);
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const logits = tf.tidy(() => {
      const batch = tf.tensor4d(images.subarray(start * size, (start + count) * size), [count, ...shape]);
      return (model.predict(batch) as tf.Tensor).dataSync() as Float32Array;
    });
    out.set(logits, start * classes);
  }
  return out;
}

/** Row-wise argmax of logits [n, classes] → predicted labels [n]. */
export function argmaxRows(logits: Float32Array, classes: number): Int32Array {
  const n = logits.length / classes;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (logits[i * classes + k] > logits[i * classes + best]) best = k;
    out[i] = best;
  }
  return out;
}

/** Fraction of `predicted` equal to `labels` (both [n]). */
export function accuracy(predicted: Int32Array, labels: Int32Array): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;
  return labels.length > 0 ? correct / labels.length : Number.NaN;
}
