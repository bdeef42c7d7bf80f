import * as tf from '@tensorflow/tfjs-core';
import type { Conv2DBackpropInputAttrs, KernelConfig, NamedTensorInfoMap } from '@tensorflow/tfjs-core';
import { checkNhwc, dilateSpatial, explicitPadding } from './conv-geometry.ts';

/**
 * The input gradient of a 2-D convolution as one forward convolution (the
 * textbook transposed convolution), replacing wasm's scalar-loop
 * `Conv2DBackpropInput` with its fast XNNPACK `Conv2D`: dy is dilated by the
 * stride, padded by (k − 1 − pad) on the leading side and convolved (stride 1)
 * with the filter rotated by 180° and its in/out channels swapped.
 * @param dy output gradient [n, oh, ow, co] (NHWC)
 * @param filter [kh, kw, ci, co]
 * @returns input gradient [n, h, w, ci] with [n, h, w, ci] = attrs.inputShape
 */
export function conv2dBackpropInput(dy: tf.Tensor4D, filter: tf.Tensor4D, attrs: Conv2DBackpropInputAttrs): tf.Tensor4D {
  checkNhwc(attrs.dataFormat, 'Conv2DBackpropInput');
  const inputShape = attrs.inputShape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [kh, kw] = filter.shape;
  return tf.tidy(() => {
    const spread = dilateSpatial(dy, info.strideHeight, info.strideWidth);
    // Rows of x that no output reads (bottom/right remainder) get zero gradient: padded here.
    const padded = explicitPadding(spread, kh - 1 - info.padInfo.top, kw - 1 - info.padInfo.left, inputShape[1] + kh - 1, inputShape[2] + kw - 1);
    const rotated = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]); // [kh, kw, co, ci]
    return tf.conv2d(padded, rotated as tf.Tensor4D, 1, 'valid');
  });
}

/** Kernel registration record (backend 'wasm'); replaces the built-in one. */
export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs }) => {
    const { dy, filter } = inputs as NamedTensorInfoMap;
    return conv2dBackpropInput(dy as tf.Tensor4D, filter as tf.Tensor4D, attrs as unknown as Conv2DBackpropInputAttrs);
  },
};
