import * as tf from '@tensorflow/tfjs-core';
import type { Conv2DBackpropFilterAttrs, KernelConfig, NamedTensorInfoMap } from '@tensorflow/tfjs-core';
import { checkNhwc, explicitPadding } from './conv-geometry.ts';

/**
 * The filter gradient of a 2-D convolution, written as one forward convolution so
 * that it runs on the wasm backend's fast (XNNPACK) `Conv2D`:
 *   dW[a, b, ci, co] = Σ_{n,i,j} xPad[n, s·i + a, s·j + b, ci] · dy[n, i, j, co]
 * is a valid convolution of xPad viewed as [ci, H, W, n] ("batch" = input channel,
 * "channels" = examples) with dy viewed as a [oh, ow, n, co] filter dilated by the
 * stride s. Correct for any stride (unlike reshaping to the wasm
 * `Conv3DBackpropFilterV2`, which is right for stride 1 only on tfjs 4.22) and ~10×
 * faster than im2col + matmul there. Dilation rates other than 1 are not
 * supported (tfjs has no conv gradient for them either).
 * @param x input [n, h, w, ci] (NHWC)
 * @param dy output gradient [n, oh, ow, co]
 * @returns filter gradient [kh, kw, ci, co]
 */
export function conv2dBackpropFilter(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: Conv2DBackpropFilterAttrs): tf.Tensor4D {
  checkNhwc(attrs.dataFormat, 'Conv2DBackpropFilter');
  const filterShape = attrs.filterShape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [kh, kw] = filterShape;
  // Rows/columns of the padded input that some output position actually reads.
  const needH = kh + (info.outHeight - 1) * info.strideHeight;
  const needW = kw + (info.outWidth - 1) * info.strideWidth;
  return tf.tidy(() => {
    const xPad = explicitPadding(x, info.padInfo.top, info.padInfo.left, needH, needW);
    const xT = tf.transpose(xPad, [3, 1, 2, 0]); // [ci, needH, needW, n]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [oh, ow, n, co]
    const grad = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]); // [ci, kh, kw, co]
    return tf.transpose(grad, [1, 2, 0, 3]);
  });
}

/** Kernel registration record for `tf.registerKernel` (backend 'wasm'). */
export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  // `runKernel` hands kernels Tensors; ops called here run untaped (kernelDepth > 0).
  kernelFunc: ({ inputs, attrs }) => {
    const { x, dy } = inputs as NamedTensorInfoMap;
    return conv2dBackpropFilter(x as tf.Tensor4D, dy as tf.Tensor4D, attrs as unknown as Conv2DBackpropFilterAttrs);
  },
};
