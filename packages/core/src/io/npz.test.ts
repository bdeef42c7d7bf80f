import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { readNpz, readNpzFile, toInt32Labels, writeNpz, writeNpzFile, type NpyArray } from './index.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const expected: Record<string, { values: string[] }> = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
const fixture = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, file)));

describe('readNpz on archives written by numpy', () => {
  it('reads np.savez (stored entries), int64 included', () => {
    const arrays = readNpz(fixture('stored.npz'), 'stored.npz');
    expect(Object.keys(arrays).sort()).toEqual(['tr_labels', 'tr_mem']);
    expect(arrays.tr_mem.dtype).toBe('float32');
    expect(arrays.tr_mem.shape).toEqual([6]);
    expect(arrays.tr_labels.dtype).toBe('int64');
    expect(Array.from(arrays.tr_labels.data, String)).toEqual(expected.int64.values);
  });

  it('reads np.savez_compressed (deflated entries)', () => {
    const arrays = readNpz(fixture('compressed.npz'), 'compressed.npz');
    expect(Array.from(arrays.tr_mem.data as Float32Array)).toEqual(expected.float32.values.map(Number));
    expect(Array.from(arrays.tr_labels.data as Int32Array)).toEqual(expected.int32.values.map(Number));
  });

  it('names the archive and the entry when one entry is rejected', () => {
    expect(() => readNpz(fixture('bad_entry.npz'), 'bad_entry.npz')).toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError', parameter: 'bad_entry.npz/bad.npy' }),
    );
  });

  it('rejects bytes that are not a zip archive', () => {
    expect(() => readNpz(fixture('float32.npy'), 'float32.npy')).toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError', parameter: 'float32.npy' }),
    );
  });
});

describe('writeNpz', () => {
  const arrays: Record<string, NpyArray> = {
    x: { dtype: 'float64', shape: [2, 2], data: Float64Array.of(1, 2, 3, 4) },
    y: { dtype: 'int64', shape: [3], data: BigInt64Array.of(-1n, 0n, 2n ** 40n) },
  };

  it.each([false, true])('round-trips with compress=%s, byte-identically on repeat', (compress) => {
    const bytes = writeNpz(arrays, { compress });
    expect(writeNpz(arrays, { compress })).toEqual(bytes);
    const back = readNpz(bytes, 'a.npz');
    expect(Array.from(back.x.data as Float64Array)).toEqual([1, 2, 3, 4]);
    expect(back.y.data).toEqual(arrays.y.data);
  });

  it('rejects an entry name numpy could not load back', () => {
    expect(() => writeNpz({ 'a/b': arrays.x })).toThrow(InvalidArgumentError);
  });

  let dir: string | undefined;
  afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

  it('writes and reads files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'classfit-npz-'));
    await writeNpzFile(join(dir, 'a.npz'), arrays, { compress: true });
    expect((await readNpzFile(join(dir, 'a.npz'))).x.shape).toEqual([2, 2]);
  });
});

// The authors' memorization scores (METHOD.md A.1, [F]); present in the shared data directory, not in git.
const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
const MEMORIZATION = resolve(REPO_ROOT, '../shared/data/authors/memorization');
const resnet18Cifar = join(MEMORIZATION, 'resnet18/cifar100/mem_scores.npz');
const resnet50Mini = join(MEMORIZATION, 'resnet50/mini_imagenet/mem_scores.npz');
if (!existsSync(resnet18Cifar)) console.warn(`skipping the authors' mem_scores.npz tests: ${resnet18Cifar} is absent`);

describe.skipIf(!existsSync(resnet18Cifar))("the authors' resnet18/cifar100 mem_scores.npz", () => {
  it('holds tr_mem float32 [50000] in [−0.0461, 1] with mean 0.334', async () => {
    const { tr_mem } = await readNpzFile(resnet18Cifar);
    expect(tr_mem.dtype).toBe('float32');
    expect(tr_mem.shape).toEqual([50000]);
    const values = tr_mem.data as Float32Array;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    // numpy: min −0.046079688, max 1.0, mean 0.33377632 (float32 accumulation; 1e-5 covers the difference).
    expect(min).toBeCloseTo(-0.0460797, 6);
    expect(max).toBe(1);
    expect(Math.abs(sum / values.length - 0.33377632)).toBeLessThan(1e-5);
  });

  it('holds tr_labels int32, 500 per class, starting 19, 29, 0, 11, 1, 86', async () => {
    const { tr_labels } = await readNpzFile(resnet18Cifar);
    expect(tr_labels.dtype).toBe('int32');
    const labels = toInt32Labels(tr_labels, 'tr_labels');
    expect(Array.from(labels.subarray(0, 6))).toEqual([19, 29, 0, 11, 1, 86]);
    const counts = new Array(100).fill(0);
    for (const label of labels) counts[label]++;
    expect(counts).toEqual(new Array(100).fill(500));
  });
});

describe.skipIf(!existsSync(resnet50Mini))("the authors' resnet50/mini_imagenet mem_scores.npz", () => {
  it('holds int64 tr_labels [50000] and int32 tt_labels [10000]', async () => {
    const { tr_mem, tr_labels, tt_labels } = await readNpzFile(resnet50Mini);
    expect(tr_mem.shape).toEqual([50000]);
    expect(tr_labels.dtype).toBe('int64');
    expect(tt_labels.dtype).toBe('int32');
    expect(tt_labels.shape).toEqual([10000]);
    const train = toInt32Labels(tr_labels, 'tr_labels');
    expect(Array.from(train.subarray(0, 6))).toEqual([72, 96, 64, 58, 30, 41]);
    // METHOD.md A.1: Mini-ImageNet training classes hold 469–522 images, test classes 78–131.
    const counts = (labels: Int32Array) => labels.reduce((c, l) => (c[l]++, c), new Array(100).fill(0) as number[]);
    expect(Math.min(...counts(train))).toBe(469);
    expect(Math.max(...counts(train))).toBe(522);
    const test = counts(toInt32Labels(tt_labels, 'tt_labels'));
    expect([Math.min(...test), Math.max(...test)]).toEqual([78, 131]);
  });
});
