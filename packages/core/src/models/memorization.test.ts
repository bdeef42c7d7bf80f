import { describe, expect, it } from 'vitest';
import { loadFashionMnist } from './datasets/fashion-mnist.ts';
import { estimateMemorization } from './memorization.ts';

describe('estimateMemorization', () => {
  it('trains M subset models in two worker threads and returns consistent estimates', async () => {
    const data = await loadFashionMnist({ trainSize: 100, testSize: 50, seed: 0 });
    const progress: number[] = [];
    const result = await estimateMemorization(
      data.train,
      {
        spec: { arch: 'plain', width: 2, inputShape: [28, 28, 1], numClasses: 10, seed: 0 },
        train: { epochs: 1, batchSize: 25 },
        models: 4,
        workers: 2,
        backend: 'wasm',
        onProgress: (e) => {
          if (e.progress === undefined) progress.push(e.finished);
        },
      },
      data.test,
    );
    expect(result.models).toBe(4);
    expect(progress.sort()).toEqual([1, 2, 3, 4]);
    expect(result.heldOutAccuracies.length).toBe(4);
    for (let i = 0; i < 100; i++) {
      // Balanced subsets: each example trained on by round(0.7 · 4) = 3 models, held out by 1.
      expect(result.inCount[i]).toBe(3);
      expect(result.outCount[i]).toBe(1);
      // A difference of two proportions lies in [−1, 1], and is always defined here.
      expect(Math.abs(result.mem[i])).toBeLessThanOrEqual(1);
    }
  });
});
