import * as tf from '@tensorflow/tfjs-core';

/** Throws unless the data format is NHWC (the only layout classfit's kernels handle). */
export function checkNhwc(dataFormat: string | undefined, kernel: string): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC') {
    throw new Error(`${kernel} (classfit wasm kernel): only NHWC is supported, got ${dataFormat}`);
  }
}

/**
 * Pads [n, h, w, c] with `top`/`left` zero rows/columns (a negative amount crops)
 * and then pads or crops the bottom/right so the result is exactly
 * [n, height, width, c].
 */
export function explicitPadding(x: tf.Tensor4D, top: number, left: number, height: number, width: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = x.shape;
    const padTop = Math.max(0, top);
    const padLeft = Math.max(0, left);
    const bottom = Math.max(0, height - top - h);
    const right = Math.max(0, width - left - w);
    const y = padTop + bottom + padLeft + right > 0 ? tf.pad(x, [[0, 0], [padTop, bottom], [padLeft, right], [0, 0]]) : x;
    const begin = [0, Math.max(0, -top), Math.max(0, -left), 0];
    if (y.shape[1] === height && y.shape[2] === width && begin[1] === 0 && begin[2] === 0) return y === x ? tf.clone(x) : y;
    return tf.slice(y, begin, [-1, height, width, -1]);
  });
}

/**
 * Inserts s−1 zeros between neighbouring rows and columns of [n, h, w, c]
 * ("fractional striding"): the result is [n, (h−1)·sh + 1, (w−1)·sw + 1, c].
 */
export function dilateSpatial(x: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return tf.clone(x);
  return tf.tidy((): tf.Tensor4D => {
    const [n, h, w, c] = x.shape;
    const spread = tf.pad(tf.reshape(x, [n, h, 1, w, 1, c]), [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]);
    const full = tf.reshape(spread, [n, h * sh, w * sw, c]);
    return tf.slice(full as tf.Tensor4D, [0, 0, 0, 0], [-1, (h - 1) * sh + 1, (w - 1) * sw + 1, -1]);
  });
}
