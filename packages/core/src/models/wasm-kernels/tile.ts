import * as tf from '@tensorflow/tfjs-core';
import type { KernelBackend, KernelConfig, NamedTensorInfoMap, TileAttrs } from '@tensorflow/tfjs-core';

/**
 * `Tile` as one broadcasting multiply, for the wasm backend, whose built-in Tile
 * is a scalar loop (it dominated the batch-norm gradient, which tiles the
 * per-channel 1/σ to the full activation shape). For x [d0, …, dk] and reps
 * [r0, …, rk]: x viewed as [1, d0, 1, d1, …] times ones [r0, 1, r1, 1, …] is
 * [r0, d0, r1, d1, …], which reshapes to the tiled [r0·d0, …, rk·dk] in C order.
 * Axes with r = 1 or d = 1 are dropped from the view to keep the rank low.
 * @param x numeric tensor [d0, …, dk]
 * @param reps repetitions per axis, length k + 1
 * @returns x tiled, [r0·d0, …, rk·dk]
 */
export function tileByBroadcast(x: tf.Tensor, reps: readonly number[]): tf.Tensor {
  const xView: number[] = [];
  const onesView: number[] = [];
  x.shape.forEach((d, axis) => {
    const r = reps[axis];
    if (r !== 1) {
      xView.push(1);
      onesView.push(r);
    }
    if (d !== 1 || r === 1) {
      xView.push(d);
      onesView.push(1);
    }
  });
  const outShape = x.shape.map((d, axis) => d * reps[axis]);
  return tf.tidy(() => tf.reshape(tf.mul(tf.reshape(x, xView), tf.ones(onesView, x.dtype)), outShape));
}

/** The largest rank the wasm binary kernels broadcast over reliably; beyond it the built-in Tile runs. */
const MAX_VIEW_RANK = 4;

/**
 * Kernel record replacing wasm's Tile for float32/int32 inputs whose broadcast
 * view has rank ≤ 4 (the batch-norm case is rank 2); anything else goes to the
 * built-in kernel `builtIn`, whose one-time setup (binding its wasm function)
 * runs on first use because it is no longer registered when the backend starts.
 */
export function tileConfig(builtIn: KernelConfig | undefined): KernelConfig {
  let setUpFor: unknown = null;
  return {
    kernelName: tf.Tile,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = (args.inputs as NamedTensorInfoMap).x as tf.TensorInfo;
      const { reps } = args.attrs as unknown as TileAttrs;
      const viewRank = x.shape.reduce((rank, d, axis) => rank + (reps[axis] !== 1 ? 1 : 0) + (d !== 1 || reps[axis] === 1 ? 1 : 0), 0);
      if ((x.dtype === 'float32' || x.dtype === 'int32') && viewRank <= MAX_VIEW_RANK) return tileByBroadcast(x as tf.Tensor, reps);
      if (!builtIn) throw new Error(`Tile (classfit wasm kernel): unsupported ${x.dtype} rank-${viewRank} view and no built-in kernel`);
      if (setUpFor !== args.backend) {
        builtIn.setupFunc?.(args.backend as KernelBackend);
        setUpFor = args.backend;
      }
      return builtIn.kernelFunc(args);
    },
  };
}
