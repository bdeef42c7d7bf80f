import { readFile, rm, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArtifactStore, examplesOfModel, memorizationSubsetsOfModel, tableCounts, type ArtifactStore, type DbHandle } from '@classfit/db';
import { testEngines } from '@classfit/db/testing';
import { readNpzFile, toNumberArray, writeImageNpy, writeNpy } from '@classfit/core/io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorsRoot, makeAuthorsFolder, syntheticActivations } from '../testing/authors-fixture.ts';
import { ValidationError } from './errors.ts';
import { importModel } from './import-model.ts';

const shipped = async (path: string): Promise<number[]> => JSON.parse(await readFile(join(authorsRoot, path), 'utf8'));

for (const engine of testEngines()) {
  describe(`importModel on ${engine.name}`, () => {
    let handle: DbHandle;
    let artifacts: ArtifactStore;
    let home: string;
    const folders: string[] = [];

    beforeAll(async () => {
      handle = await engine.open();
      home = await mkdtemp(join(tmpdir(), 'classfit-home-'));
      artifacts = createArtifactStore(join(home, 'artifacts'));
    });
    afterAll(async () => {
      await handle?.close();
      await Promise.all([home, ...folders].map((f) => rm(f, { recursive: true, force: true })));
    });

    it('imports the authors layout with the real labels, scores and split files', async () => {
      const { folder, labels } = await makeAuthorsFolder({ withSplits: true });
      folders.push(folder);
      const result = await importModel({ db: handle.db, artifacts }, {
        name: 'rn18-cifar', architecture: 'resnet18', dataset: 'cifar100', seed: 3, accuracy: 0.75, tags: ['paper'], source: { folder },
      });
      expect(result.exampleCount).toBe(50_000);
      expect(result.classCount).toBe(100);
      expect(result.model).toMatchObject({ imagesArtifact: null, imageShape: null });
      expect(result.layers.map((l) => [l.name, l.dim, l.relativeDepth])).toEqual([['stage1', 4, 0.25], ['stage2', 4, 0.5], ['stage3', 8, 0.75], ['stage4', 8, 1]]);
      // 500 examples per class < nothing; every class has ≥ the reduced dims 4/4/8/8, so no warnings.
      expect(result.warnings).toEqual([]);
      const mem = toNumberArray((await readNpzFile(join(folder, 'mem_scores.npz'))).tr_mem, 'tr_mem');
      const examples = await examplesOfModel(handle.db, result.model.id);
      expect(examples.length).toBe(50_000);
      expect(examples.slice(0, 6).map((e) => e.label)).toEqual([19, 29, 0, 11, 1, 86]);
      expect(examples[12_345].memorization).toBeCloseTo(mem[12_345], 6);
      expect(Array.from(labels.slice(0, 3))).toEqual([19, 29, 0]);

      const subsets = await memorizationSubsetsOfModel(handle.db, result.model.id);
      const byKey = Object.fromEntries(subsets.map((s) => [`${s.purpose}:${s.name}`, s]));
      // METHOD J: RN18/CIFAR-100 dkls files keep 61 (least), 53 (most) and 100 (random) classes.
      expect(byKey['kl:least'].classLabels?.length).toBe(61);
      expect(byKey['kl:most'].classLabels?.length).toBe(53);
      expect(byKey['kl:random'].classLabels?.length).toBe(100);
      expect(byKey['kl:most'].source).toBe('file');
      expect(byKey['genclass:most'].indices).toEqual((await shipped('generative_classification/resnet18/cifar100/most_memorized.json')).sort((a, b) => a - b));
      const stored = await artifacts.list();
      expect(stored.length).toBe(4);
      expect(await artifacts.get(result.layers[0].activationsArtifact)).toEqual(new Uint8Array(await readFile(join(folder, 'avg_pooling_0_acts.npy'))));
    });

    it('computes memorization subsets from tr_mem by the METHOD J rules when no split files ship', async () => {
      const { folder } = await makeAuthorsFolder({ dims: [3] });
      folders.push(folder);
      const result = await importModel({ db: handle.db, artifacts }, { name: 'rn18-cifar-computed', source: { folder } });
      const subsets = await memorizationSubsetsOfModel(handle.db, result.model.id);
      const byKey = Object.fromEntries(subsets.map((s) => [`${s.purpose}:${s.name}`, s]));
      expect(byKey['kl:most']).toMatchObject({ source: 'computed' });
      // The strict "> 100 pool members" rule reproduces the shipped class sets exactly (METHOD J).
      const shippedMost = await shipped('dkls/resnet18/cifar100/most_mem_class_split.json') as unknown as number[][];
      const shippedLeast = await shipped('dkls/resnet18/cifar100/least_mem_class_split.json') as unknown as number[][];
      const labelsOf = (lists: number[][]) => lists.map((l) => byLabel(l[0]));
      const examples = await examplesOfModel(handle.db, result.model.id);
      const byLabel = (i: number) => examples[i].label;
      expect(byKey['kl:most'].classLabels).toEqual(labelsOf(shippedMost));
      expect(byKey['kl:least'].classLabels).toEqual(labelsOf(shippedLeast));
      expect(byKey['kl:most'].perClass?.every((l) => l.length === 100)).toBe(true);
      // Top-1000 by tr_mem is the shipped most-memorized set (1000/1000 for RN18 CIFAR).
      expect(byKey['genclass:most'].indices).toEqual((await shipped('generative_classification/resnet18/cifar100/most_memorized.json')).sort((a, b) => a - b));
      const held = [...byKey['genclass:least'].indices, ...byKey['genclass:most'].indices, ...byKey['genclass:random'].indices];
      expect(new Set(held).size).toBe(3000);
    });

    it('stores images.npy as one artifact referenced from the model, with the shape of one image', async () => {
      const { folder } = await makeAuthorsFolder({ dims: [2] });
      folders.push(folder);
      const data = Uint8Array.from({ length: 50_000 * 3 * 2 * 3 }, (_, i) => (i * 31) % 251);
      await writeFile(join(folder, 'images.npy'), writeImageNpy({ count: 50_000, height: 3, width: 2, channels: 3, data }));
      const before = await artifacts.list();
      const result = await importModel({ db: handle.db, artifacts }, { name: 'rn18-cifar-images', source: { folder } });
      expect(result.model.imageShape).toEqual([3, 2, 3]);
      expect(result.model.imagesArtifact).toMatch(/^[0-9a-f]{64}\.npy$/);
      expect(await artifacts.get(result.model.imagesArtifact!)).toEqual(new Uint8Array(await readFile(join(folder, 'images.npy'))));
      expect((await artifacts.list()).filter((key) => !before.includes(key))).toHaveLength(2);
    });

    describe('bad input stores nothing', () => {
      const attempt = async (mutate: (folder: string) => Promise<void>, name = 'bad'): Promise<ValidationError> => {
        const { folder } = await makeAuthorsFolder({ dims: [2, 2] });
        folders.push(folder);
        await mutate(folder);
        const before = { rows: await tableCounts(handle.db), files: await artifacts.list() };
        const error = await importModel({ db: handle.db, artifacts }, { name, source: { folder } }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect(await tableCounts(handle.db)).toEqual(before.rows);
        expect(await artifacts.list()).toEqual(before.files);
        return error as ValidationError;
      };

      it('malformed npy', async () => {
        const error = await attempt((f) => writeFile(join(f, 'avg_pooling_1_acts.npy'), new TextEncoder().encode('not an npy file')));
        expect(error.problems.map((p) => p.field)).toEqual([expect.stringMatching(/avg_pooling_1_acts\.npy$/)]);
      });

      it('mismatched shapes across layers and labels', async () => {
        const labels = new Int32Array(49_999);
        const error = await attempt((f) => writeFile(join(f, 'avg_pooling_1_acts.npy'), syntheticActivations(labels, 2, 9)));
        expect(error.problems[0].message).toMatch(/49999 rows .* 50000/);
      });

      it('NaN, with its row, and every other problem in the same report', async () => {
        const error = await attempt(async (f) => {
          const data = new Float64Array(50_000 * 2).fill(1);
          data[17 * 2 + 1] = Number.NaN;
          await writeFile(join(f, 'avg_pooling_0_acts.npy'), writeNpy({ dtype: 'float64', shape: [50_000, 2], data }));
          await writeFile(join(f, 'class_names.txt'), 'apple\nfish\n');
        }, 'rn18-cifar');
        const messages = error.problems.map((p) => `${p.field}: ${p.message}`);
        expect(messages).toEqual(expect.arrayContaining([
          expect.stringMatching(/name: a model named "rn18-cifar" already exists/),
          expect.stringMatching(/avg_pooling_0_acts\.npy: activations must be finite; row 17 col 1 is NaN/),
          expect.stringMatching(/label 99 is out of range/),
        ]));
      });

      it('images.npy with a different number of images than examples', async () => {
        const error = await attempt((f) => writeFile(join(f, 'images.npy'), writeImageNpy({ count: 49_999, height: 2, width: 2, channels: 1, data: new Uint8Array(49_999 * 4) })));
        expect(error.problems).toEqual([{ field: expect.stringMatching(/images\.npy$/), message: expect.stringMatching(/49999 images .* 50000 rows/) }]);
      });

      it('images.npy of activations instead of uint8 images', async () => {
        const error = await attempt((f) => writeFile(join(f, 'images.npy'), writeNpy({ dtype: 'float32', shape: [50_000, 2, 2], data: new Float32Array(200_000) })));
        expect(error.problems).toEqual([{ field: expect.stringMatching(/images\.npy$/), message: expect.stringMatching(/must be uint8/) }]);
      });

      it('an empty folder', async () => {
        const empty = await mkdtemp(join(tmpdir(), 'classfit-empty-'));
        folders.push(empty);
        const error = await importModel({ db: handle.db, artifacts }, { name: 'x', source: { folder: empty } }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).problems.map((p) => p.field)).toEqual(['layers', 'labels']);
      });
    });
  });
}
