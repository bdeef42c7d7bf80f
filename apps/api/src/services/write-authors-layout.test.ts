import { readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readImageNpy } from '@classfit/core/io';
import type { ImageSplit } from '@classfit/core/models';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverAuthorsLayout } from './import/source-layout.ts';
import { validateImport } from './import/validate-import.ts';
import { splitImages } from './write-authors-layout.ts';
import { writeAuthorsLayout } from './write-authors-layout.ts';

describe('writeAuthorsLayout', () => {
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

  it('writes the training images as images.npy uint8 [n, 28, 28] that the import reads back', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'classfit-layout-'));
    folders.push(folder);
    const n = 6;
    const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
    const pixels = Uint8Array.from({ length: n * 28 * 28 }, (_, i) => (i * 3) % 256);
    const split = { size: n, labels, pixels, images: new Float32Array(n * 784), sourceIndex: new Int32Array(n) } satisfies ImageSplit;
    const stages = [0, 1].map((index) => ({ name: `stage${index + 1}`, index, relativeDepth: (index + 1) / 2, channels: 2, activations: Float32Array.from({ length: n * 2 }, (_, i) => i + index) }));
    await writeAuthorsLayout(folder, { stages, labels, classNames: ['t-shirt', 'trouser'], meta: { architecture: 'plain', seed: 3, accuracy: 0.5, test: true }, images: splitImages(split, [28, 28, 1]) });

    const images = readImageNpy(new Uint8Array(await readFile(join(folder, 'images.npy'))), 'images.npy');
    expect([images.count, images.height, images.width, images.channels]).toEqual([n, 28, 28, 1]);
    expect(images.data).toEqual(pixels);
    const source = await discoverAuthorsLayout(folder);
    expect(source.unusedFiles).toEqual([]);
    const checked = await validateImport(source);
    expect(checked.images).toMatchObject({ path: join(folder, 'images.npy'), shape: [28, 28, 1] });
    const meta = JSON.parse(await readFile(join(folder, 'meta.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ architecture: 'plain', seed: 3, accuracy: 0.5, test: true, examples: n });
    expect(meta.stages).toEqual([0, 1].map((index) => ({ index, name: `stage${index + 1}`, relativeDepth: (index + 1) / 2, dim: 2, file: `avg_pooling_${index}_acts.npy` })));
  });

  it('refuses images that do not match the labels', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'classfit-layout-'));
    folders.push(folder);
    const images = { count: 3, height: 2, width: 2, channels: 1 as const, data: new Uint8Array(12) };
    await expect(writeAuthorsLayout(folder, { stages: [], labels: new Int32Array(4), classNames: ['a'], meta: { architecture: 'x' }, images })).rejects.toThrow(/3 images for 4 labels/);
  });
});
