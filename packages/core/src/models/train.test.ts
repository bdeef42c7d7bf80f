import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFashionMnist } from './datasets/fashion-mnist.ts';
import type { ImageDataset } from './datasets/types.ts';
import { certify } from './certify.ts';
import { extractStageActivations } from './extract.ts';
import { loadModel, saveModel } from './model-io.ts';
import { buildNetwork, type ClassfitNetwork } from './network.ts';
import { predictLogits } from './predict.ts';
import { initTrainingBackend } from './runtime.ts';
import { trainClassifier, type TrainResult } from './train.ts';

let data: ImageDataset;
let network: ClassfitNetwork;
let result: TrainResult;
let directory: string;
let leaked: number;

beforeAll(async () => {
  await initTrainingBackend('wasm');
  data = await loadFashionMnist({ trainSize: 300, testSize: 200, seed: 4 });
  network = buildNetwork({ arch: 'resnet10', width: 4, inputShape: [28, 28, 1], numClasses: 10, seed: 1 });
  const before = tf.memory().numTensors;
  result = await trainClassifier(network, data.train, { epochs: 4, batchSize: 16, seed: 2, augmentPad: 0, augmentFlip: false }, data.test);
  leaked = tf.memory().numTensors - before;
  directory = await mkdtemp(path.join(tmpdir(), 'classfit-model-'));
});

afterAll(async () => {
  network?.model.dispose();
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('trainClassifier on wasm', () => {
  it('a tiny ResNet-10 beats chance clearly on held-out Fashion-MNIST after 4 epochs on 300 images', () => {
    // Chance is 0.1; with 200 held-out images its s.d. is √(0.1·0.9/200) ≈ 0.021, so 0.3 is ≈ 10 s.d. above
    // chance (measured 0.53, 0.615, 0.63 for initialisation seeds 2, 1, 3).
    expect(result.heldOutAccuracy).toBeGreaterThan(0.3);
    expect(result.history.length).toBe(4);
    expect(result.history[3].loss).toBeLessThan(result.history[0].loss);
    expect(result.trainExamples).toBe(300);
    expect(leaked, 'tensors left behind by training (momentum buffers, batches, gradients)').toBe(0);
  });

  it('extracts four non-negative (post-ReLU) pooled stages of widths w, 2w, 4w, 8w without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const stages = await extractStageActivations(network, data.test.images, { batchSize: 64 });
    expect(tf.memory().numTensors).toBe(before);
    expect(stages.map((s) => s.channels)).toEqual([4, 8, 16, 32]);
    expect(stages.map((s) => s.activations.length)).toEqual([4, 8, 16, 32].map((d) => 200 * d));
    for (const stage of stages) {
      expect(Math.min(...stage.activations)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...stage.activations)).toBeGreaterThan(0);
    }
    const depths = stages.map((s) => s.relativeDepth);
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
    expect(depths[3]).toBeLessThan(1);
  });

  it('saves and reloads the network with identical predictions and metadata', async () => {
    await saveModel(network, directory, { dataset: 'fashion-mnist' });
    const loaded = await loadModel(directory);
    const images = data.test.images.subarray(0, 10 * 784);
    const a = await predictLogits(network.model, images, [28, 28, 1]);
    const b = await predictLogits(loaded.model, images, [28, 28, 1]);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(loaded.spec).toEqual(network.spec);
    expect(loaded.info).toEqual({ dataset: 'fashion-mnist' });
    loaded.model.dispose();
  });

  it('certifies a few images with the trained network as base classifier without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const certificates = await certify(network, data.test.images.subarray(0, 3 * 784), { n0: 20, n: 100, batchSize: 50, sigma: 0.25 });
    expect(tf.memory().numTensors).toBe(before);
    expect(certificates.length).toBe(3);
    for (const c of certificates) {
      // With n = 100 and α = 0.001 the bound is at most 0.001^(1/100) ≈ 0.933, so radius ≤ 0.25·Φ⁻¹(0.933) ≈ 0.376.
      if (c.abstained) expect([c.prediction, c.radius]).toEqual([-1, 0]);
      else expect(c.radius).toBeGreaterThan(0);
      expect(c.radius).toBeLessThanOrEqual(0.377);
    }
  });
});
