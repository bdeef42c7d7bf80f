import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { STAGE_OUTPUT_NAMES } from './layers.ts';
import { buildNetwork } from './network.ts';
import { initTrainingBackend } from './runtime.ts';

beforeAll(async () => {
  await initTrainingBackend('wasm');
});

function weightsOf(seed: number): number[][] {
  const network = buildNetwork({ arch: 'resnet10', width: 2, inputShape: [28, 28, 1], numClasses: 10, seed });
  const values = network.model.getWeights().map((w) => Array.from(w.dataSync()));
  network.model.dispose();
  return values;
}

describe('buildNetwork', () => {
  it('initialises identically for the same seed, seed 0 included (tfjs treats seed 0 as unseeded)', () => {
    expect(weightsOf(0)).toEqual(weightsOf(0));
    expect(weightsOf(7)).toEqual(weightsOf(7));
    expect(weightsOf(0)[0]).not.toEqual(weightsOf(1)[0]);
  });

  it.each([
    ['resnet18', 28, 14, 7, 4],
    ['resnet10', 28, 14, 7, 4],
    ['plain', 28, 14, 7, 4],
  ] as const)('%s exposes stage outputs of sizes %i, %i, %i, %i with widths w…8w', (arch, ...sizes) => {
    const network = buildNetwork({ arch, width: 3, inputShape: [28, 28, 1], numClasses: 10, seed: 1 });
    const shapes = STAGE_OUTPUT_NAMES.map((name) => network.model.getLayer(name).outputShape as number[]);
    expect(shapes).toEqual(sizes.map((s, k) => [null, s, s, 3 * 2 ** k]));
    expect(network.model.outputs[0].shape).toEqual([null, 10]);
    expect(network.relativeDepths.every((d, k) => d > 0 && d < 1 && (k === 0 || d > network.relativeDepths[k - 1]))).toBe(true);
    network.model.dispose();
  });

  it('starts the last BN of every residual block at γ = 0 (zero_init_residual)', () => {
    const network = buildNetwork({ arch: 'resnet18', width: 2, inputShape: [28, 28, 1], numClasses: 10, seed: 1 });
    const gammas = network.model.layers.filter((l) => /_b_bn$/.test(l.name)).map((l) => tf.tidy(() => tf.sum(tf.abs(l.getWeights()[0])).dataSync()[0]));
    expect(gammas.length).toBe(8);
    expect(gammas.every((g) => g === 0)).toBe(true);
    network.model.dispose();
  });

  it('rejects a bad width naming the parameter', () => {
    expect(() => buildNetwork({ arch: 'plain', width: 0, inputShape: [28, 28, 1], numClasses: 10, seed: 0 })).toThrow(InvalidArgumentError);
  });
});
