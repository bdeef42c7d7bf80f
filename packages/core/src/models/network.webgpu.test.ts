/**
 * The demo networks on webgpu: whole-network loss and gradients, stage extraction and a short
 * training run agree with wasm (the backend they are trained on by default).
 *
 * Tolerance, as for cpu vs wasm (model-gradients.test.ts): the same float32 graph on two backends
 * differs by summation order only, ≲ 1e-5 relative through ~20 layers; 1e-3 of each tensor's scale
 * leaves margin (and also covers WGSL's 3-ULP exp/log in softmax cross-entropy). Training: two
 * epochs of SGD amplify those differences only mildly, so per-epoch losses agree to 1e-3 relative.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useWebGpu, webgpuUnavailable, withoutLeaks } from '../testing/webgpu.ts';
import type { ArchitectureName } from './architecture.ts';
import { extractStageActivations } from './extract.ts';
import { buildNetwork } from './network.ts';
import { initTrainingBackend } from './runtime.ts';
import { maxAbsDiff, normalValues } from './testing/backends.ts';
import { trainClassifier } from './train.ts';

async function on<T>(backend: 'wasm' | 'webgpu', f: () => Promise<T>): Promise<T> {
  if (backend === 'webgpu') await useWebGpu();
  else await initTrainingBackend('wasm');
  return f();
}

/** Loss and every trainable weight's gradient on one fixed batch (as model-gradients.test.ts), read asynchronously. */
async function lossAndGradients(arch: ArchitectureName): Promise<Float32Array[]> {
  const network = buildNetwork({ arch, width: 4, inputShape: [12, 12, 1], numClasses: 3, seed: 5 });
  const x = tf.tensor4d(normalValues(6 * 144, 11), [6, 12, 12, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3));
  const variables = network.model.trainableWeights.map((w) => w.read() as tf.Variable);
  tf.tidy(() => variables.forEach((v, k) => v.assign(tf.add(v, tf.mul(0.1, tf.tensor(normalValues(v.size, 100 + k), v.shape))))));
  const { value, grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(y, network.model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
    variables,
  );
  const tensors = [value, ...variables.map((v) => grads[v.name])];
  const out = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
  tf.dispose([x, y, value, ...Object.values(grads)]);
  network.model.dispose();
  return out;
}

function expectCloseToScale(got: ArrayLike<number>, want: ArrayLike<number>, label: string): void {
  const { diff, scale } = maxAbsDiff(got, want);
  expect(diff, `${label}: max |webgpu − wasm| ${diff} at scale ${scale}`).toBeLessThanOrEqual(1e-3 * Math.max(scale, 1e-3));
}

const unavailable = await webgpuUnavailable();

describe.skipIf(unavailable !== null)('the demo networks on webgpu', () => {
  it.each(['resnet10', 'plain'] as const)('%s: loss and all weight gradients equal wasm', async (arch) => {
    const wasm = await on('wasm', () => lossAndGradients(arch));
    const gpu = await on('webgpu', () => withoutLeaks(() => lossAndGradients(arch)));
    expect(gpu.length).toBe(wasm.length);
    gpu.forEach((g, k) => expectCloseToScale(g, wasm[k], `tensor ${k}`));
  });

  it('extracts the same pooled stages and trains to the same losses as wasm', async () => {
    const images = Float32Array.from(normalValues(32 * 144, 21), Math.abs);
    const labels = Int32Array.from({ length: 32 }, (_, i) => i % 3);
    const run = async () => {
      const network = buildNetwork({ arch: 'plain', width: 2, inputShape: [12, 12, 1], numClasses: 3, seed: 7 });
      try {
        const stages = await extractStageActivations(network, images, { batchSize: 16 });
        const trained = await trainClassifier(network, { images, labels }, { epochs: 2, batchSize: 16, seed: 3, augmentPad: 0, augmentFlip: false }, { images, labels });
        return { stages: stages.map((s) => s.activations), losses: trained.history.map((h) => h.loss), accuracy: trained.heldOutAccuracy };
      } finally {
        network.model.dispose();
      }
    };
    const wasm = await on('wasm', run);
    const gpu = await on('webgpu', () => withoutLeaks(run));
    gpu.stages.forEach((s, k) => expectCloseToScale(s, wasm.stages[k], `stage ${k + 1}`));
    gpu.losses.forEach((loss, e) => expect(Math.abs(loss - wasm.losses[e]), `epoch ${e} loss ${loss} vs ${wasm.losses[e]}`).toBeLessThanOrEqual(1e-3 * wasm.losses[e]));
    expect(Number.isFinite(gpu.accuracy)).toBe(true);
  });
});
