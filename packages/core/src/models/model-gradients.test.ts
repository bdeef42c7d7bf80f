import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { ArchitectureName } from './architecture.ts';
import { buildNetwork } from './network.ts';
import { maxAbsDiff, normalValues, onBackend, readAll } from './testing/backends.ts';

/** Loss and every trainable weight's gradient of a freshly built network on one fixed batch. */
function lossAndGradients(arch: ArchitectureName): Float32Array[] {
  const network = buildNetwork({ arch, width: 4, inputShape: [12, 12, 1], numClasses: 3, seed: 5 });
  const x = tf.tensor4d(normalValues(6 * 144, 11), [6, 12, 12, 1]);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3);
  const variables = network.model.trainableWeights.map((w) => w.read() as tf.Variable);
  // BN γ starts at 1 or 0 and β at 0; perturb them so every gradient path is exercised.
  tf.tidy(() => variables.forEach((v, k) => v.assign(tf.add(v, tf.mul(0.1, tf.tensor(normalValues(v.size, 100 + k), v.shape))))));
  const { value, grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(y, network.model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
    variables,
  );
  const out = readAll([value, ...variables.map((v) => grads[v.name])]);
  tf.dispose([x, y, ...Object.values(grads)]);
  network.model.dispose();
  return out;
}

describe('whole-network gradients on wasm equal the cpu backend', () => {
  it.each(['resnet10', 'plain'] as const)('%s: loss and all weight gradients', async (arch) => {
    const cpu = await onBackend('cpu', () => lossAndGradients(arch));
    const wasm = await onBackend('wasm', () => lossAndGradients(arch));
    expect(wasm.length).toBe(cpu.length);
    for (let k = 0; k < cpu.length; k++) {
      const { diff, scale } = maxAbsDiff(wasm[k], cpu[k]);
      // Same float32 graph on two backends: differences come from summation order only
      // (≲ 1e-5 relative through ~20 layers); 1e-3 of the tensor's scale leaves margin.
      expect(diff, `tensor ${k}: max |wasm − cpu| ${diff} at scale ${scale}`).toBeLessThanOrEqual(1e-3 * Math.max(scale, 1e-3));
    }
  });
});
