import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '../errors/index.ts';
import { STAGE_OUTPUT_NAMES } from './layers.ts';
import type { ClassfitNetwork } from './classfit-network.ts';

/** One stage's read-out: global-average-pooled post-ReLU block outputs. */
export interface StageActivations {
  /** Layer name, `stage1`…`stage4`. */
  readonly name: string;
  /** Stage index 0…3 (the `<stage>` of `avg_pooling_<stage>_acts.npy`). */
  readonly index: number;
  /** Weight-layer index of the read-out / number of weight layers. */
  readonly relativeDepth: number;
  /** Channels d of the stage. */
  readonly channels: number;
  /** Activations [n, d], float32, C order; all ≥ 0 (post-ReLU). */
  readonly activations: Float32Array;
}

/** Options of `extractStageActivations`. */
export interface ExtractOptions {
  /** Examples per forward pass (default 256). */
  readonly batchSize?: number;
  /** Called after each batch with the number of examples done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Extracts the four stage outputs of `network` for every image, each globally
 * average-pooled over its spatial extent (METHOD.md A.3): the test-time
 * transform only (inference-mode BN, no augmentation), examples in input order.
 * @param images normalised images [n, h, w, c], float32
 * @returns per stage activations [n, d_stage]
 */
export async function extractStageActivations(network: ClassfitNetwork, images: Float32Array, options: ExtractOptions = {}): Promise<StageActivations[]> {
  const shape = network.spec.inputShape;
  const size = shape[0] * shape[1] * shape[2];
  if (images.length % size !== 0) {
    throw new InvalidArgumentError('images', `must be [n, ${shape.join(', ')}] float32 values; got ${images.length} values`);
  }
  const batchSize = options.batchSize ?? 256;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InvalidArgumentError('batchSize', `must be a positive integer, got ${batchSize}`);
  const n = images.length / size;
  const layers = STAGE_OUTPUT_NAMES.map((name) => network.model.getLayer(name));
  const readout = tfl.model({ inputs: network.model.inputs, outputs: layers.map((layer) => layer.output as tfl.SymbolicTensor) });
  const channels = layers.map((layer) => {
    const outShape = layer.outputShape as number[];
    return outShape[outShape.length - 1];
  });
  const outputs = channels.map((d) => new Float32Array(n * d));
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const pooled = tf.tidy(() => {
      const batch = tf.tensor4d(images.subarray(start * size, (start + count) * size), [count, ...shape]);
      const maps = readout.predict(batch) as tf.Tensor[];
      return maps.map((map) => tf.mean(map, [1, 2]));
    });
    // Read asynchronously: webgpu cannot read synchronously in Node.
    try {
      const values = await Promise.all(pooled.map((t) => t.data()));
      values.forEach((v, s) => outputs[s].set(v as Float32Array, start * channels[s]));
    } finally {
      tf.dispose(pooled);
    }
    options.onProgress?.(start + count, n);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return STAGE_OUTPUT_NAMES.map((name, index) => ({
    name,
    index,
    relativeDepth: network.relativeDepths[index],
    channels: channels[index],
    activations: outputs[index],
  }));
}
