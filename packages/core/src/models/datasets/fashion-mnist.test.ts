import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors/index.ts';
import { FASHION_MNIST_CLASSES, FASHION_MNIST_NORMALIZATION, loadFashionMnist } from './fashion-mnist.ts';
import { findRowOffsets, readRow } from './json-rows.ts';

describe('json row scanner', () => {
  it('finds non-empty rows and parses their integers', () => {
    const bytes = new TextEncoder().encode('{"data":[[1,22,255],[],[0, 7 ,30]]}');
    const offsets = findRowOffsets(bytes);
    expect(offsets.length).toBe(2);
    const out = new Uint8Array(6);
    expect(readRow(bytes, offsets[0], out, 0, 3)).toBe(3);
    expect(readRow(bytes, offsets[1], out, 3, 3)).toBe(3);
    expect(Array.from(out)).toEqual([1, 22, 255, 0, 7, 30]);
  });
});

describe('loadFashionMnist', () => {
  it('draws a seeded, stratified subset whose pixels are the package rows', async () => {
    const data = await loadFashionMnist({ trainSize: 205, testSize: 50, seed: 3 });
    expect(data.classNames).toEqual(FASHION_MNIST_CLASSES);
    expect(data.train.size).toBe(205);
    expect(data.test.size).toBe(50);
    const counts = new Array(10).fill(0);
    for (const y of data.train.labels) counts[y]++;
    expect(counts).toEqual([21, 21, 21, 21, 21, 20, 20, 20, 20, 20]);
    // Train rows come from each class's rows 0–5,999, test rows from 6,000–6,999.
    for (const s of data.train.sourceIndex) expect(s % 7000).toBeLessThan(6000);
    for (const s of data.test.sourceIndex) expect(s % 7000).toBeGreaterThanOrEqual(6000);
    expect(new Set(data.train.sourceIndex).size).toBe(205);

    // Compare against JSON.parse of one class file (class 0 has two empty rows, which are skipped).
    const dir = path.dirname(createRequire(import.meta.url).resolve('fashion-mnist/package.json'));
    const rows = (JSON.parse(readFileSync(path.join(dir, 'src/clothes/3.json'), 'utf8')).data as number[][]).filter((r) => r.length > 0);
    const i = data.train.labels.indexOf(3);
    const expected = rows[data.train.sourceIndex[i] - 3 * 7000];
    expect(Array.from(data.train.pixels.subarray(i * 784, (i + 1) * 784))).toEqual(expected);
    const { mean, std } = FASHION_MNIST_NORMALIZATION;
    expect(data.train.images[i * 784 + 400]).toBeCloseTo((expected[400] / 255 - mean[0]) / std[0], 5);
  });

  it('is deterministic per seed and differs across seeds', async () => {
    const a = await loadFashionMnist({ trainSize: 40, testSize: 10, seed: 0 });
    const b = await loadFashionMnist({ trainSize: 40, testSize: 10, seed: 0 });
    const c = await loadFashionMnist({ trainSize: 40, testSize: 10, seed: 1 });
    expect(Array.from(a.train.sourceIndex)).toEqual(Array.from(b.train.sourceIndex));
    expect(Array.from(a.train.sourceIndex)).not.toEqual(Array.from(c.train.sourceIndex));
  });

  it('rejects impossible sizes naming the parameter', async () => {
    await expect(loadFashionMnist({ trainSize: 60_001 })).rejects.toMatchObject({ parameter: 'trainSize' });
    await expect(loadFashionMnist({ testSize: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
