/**
 * What an import makes of an authors'-layout folder beyond the activations (issue 11 §3): meta.json,
 * class_indices_split.json (the REAL shipped file), files it does not read, a folder that does not exist, and the
 * layer naming rule (display name beside the file's source name).
 */
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArtifactStore, examplesOfModel, getModel, layersByModelIds, tableCounts, type ArtifactStore, type DbHandle } from '@classfit/db';
import { testEngines } from '@classfit/db/testing';
import { readNpzFile, toInt32Labels } from '@classfit/core/io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorsRoot, makeAuthorsFolder, syntheticActivations } from '../testing/authors-fixture.ts';
import { ValidationError } from './errors.ts';
import { importModel } from './import-model.ts';
import { explicitSource } from './import/source-layout.ts';

const SHIPPED = join(authorsRoot, 'generative_classification', 'resnet18', 'cifar100');
const shippedJson = async <T>(name: string): Promise<T> => JSON.parse(await readFile(join(SHIPPED, name), 'utf8')) as T;

for (const engine of testEngines()) {
  describe(`importModel reads an authors' folder on ${engine.name}`, () => {
    let handle: DbHandle;
    let artifacts: ArtifactStore;
    let home: string;
    const folders: string[] = [];
    const folder = async (options: Parameters<typeof makeAuthorsFolder>[0] = { dims: [2] }) => {
      const made = await makeAuthorsFolder(options);
      folders.push(made.folder);
      return made;
    };
    const failure = async (input: Parameters<typeof importModel>[1]): Promise<ValidationError> => {
      const before = { rows: await tableCounts(handle.db), files: await artifacts.list() };
      const error = await importModel({ db: handle.db, artifacts }, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(await tableCounts(handle.db)).toEqual(before.rows);
      expect(await artifacts.list()).toEqual(before.files);
      return error as ValidationError;
    };

    beforeAll(async () => {
      handle = await engine.open();
      home = await mkdtemp(join(tmpdir(), 'classfit-home-'));
      artifacts = createArtifactStore(join(home, 'artifacts'));
    });
    afterAll(async () => {
      await handle?.close();
      await Promise.all([home, ...folders].map((f) => rm(f, { recursive: true, force: true })));
    });

    it('reports a folder that does not exist, or a file given as the folder, as such', async () => {
      const missing = join(home, 'no-such-folder');
      const error = await failure({ name: 'missing', source: { folder: missing } });
      expect(error.problems).toEqual([{ field: missing, message: 'no such folder' }]);
      const { folder: f } = await folder();
      const file = join(f, 'avg_pooling_0_acts.npy');
      expect((await failure({ name: 'file', source: { folder: file } })).problems).toEqual([{ field: file, message: expect.stringMatching(/^is a file, not a folder/) }]);
    });

    it('takes architecture, seed and accuracy from meta.json when not given, and warns when a given value differs', async () => {
      const { folder: f } = await folder();
      await writeFile(join(f, 'meta.json'), JSON.stringify({ generator: 'classfit_client 0.1.0', architecture: 'resnet50', seed: 7, accuracy: 0.71, examples: 50_000 }));
      const result = await importModel({ db: handle.db, artifacts }, { name: 'from-meta', seed: 3, source: { folder: f } });
      expect(result.architecture).toBe('resnet50');
      expect(result.model).toMatchObject({ seed: 3, accuracy: 0.71 });
      expect(result.fromMeta).toEqual(['architecture', 'accuracy']);
      expect(result.warnings).toEqual([{ field: join(f, 'meta.json:seed'), message: 'says 7 but 3 was given; the given value is used' }]);
      expect(result.unusedFiles).toEqual([]);
      expect((await getModel(handle.db, result.model.id))?.accuracy).toBe(0.71);
    });

    it('rejects a meta.json whose values are wrong or disagree with the activations', async () => {
      const { folder: f } = await folder();
      await writeFile(join(f, 'meta.json'), JSON.stringify({ architecture: 'res net', seed: -1, accuracy: 76.5, examples: 500 }));
      const error = await failure({ name: 'bad-meta', source: { folder: f } });
      expect(error.problems.map((p) => `${p.field.slice(f.length + 1)}: ${p.message}`)).toEqual([
        'meta.json:architecture: must be a name of letters, digits, ".", "_" or "-"; got "res net"',
        'meta.json:seed: must be an integer ≥ 0; got -1',
        'meta.json:accuracy: must be a fraction in [0, 1] (a percentage?); got 76.5',
        'meta.json:examples: says 500 examples but the activations have 50000 rows',
      ]);
      await writeFile(join(f, 'meta.json'), '{ not json');
      expect((await failure({ name: 'bad-meta', source: { folder: f } })).problems).toEqual([{ field: join(f, 'meta.json'), message: expect.stringMatching(/^invalid JSON/) }]);
    });

    it('checks the shipped class_indices_split.json against tr_labels through the held-out sets, and names a disagreement', async () => {
      // METHOD: list c, mapped through the sorted rows outside the three 1,000-example test sets, is class c.
      const { folder: f } = await folder({ dims: [2], withSplits: true });
      const result = await importModel({ db: handle.db, artifacts }, { name: 'class-split-ok', source: { folder: f } });
      expect(result.labelsFrom).toBe(`${join(f, 'mem_scores.npz')}:tr_labels`);
      expect(result.unusedFiles).toEqual([]);

      const lists = await shippedJson<number[][]>('class_indices_split.json');
      [lists[0], lists[1]] = [lists[1], lists[0]];
      await writeFile(join(f, 'generative_classification', 'class_indices_split.json'), JSON.stringify(lists));
      const error = await failure({ name: 'class-split-swapped', source: { folder: f } });
      expect(error.problems).toEqual([{
        field: join(f, 'generative_classification', 'class_indices_split.json'),
        message: expect.stringMatching(new RegExp(`^disagrees with .*tr_labels on ${lists[0].length + lists[1].length} of 47000 rows .*indices read as rows outside the held-out sets\\)$`)),
      }]);
    });

    it('takes the labels from class_indices_split.json when no other file has them (activations of the 47,000 fitting rows)', async () => {
      const held = new Set((await Promise.all(['least_memorized.json', 'most_memorized.json', 'random.json'].map((n) => shippedJson<number[]>(n)))).flat());
      const tr = toInt32Labels((await readNpzFile(join(authorsRoot, 'memorization', 'resnet18', 'cifar100', 'mem_scores.npz'))).tr_labels, 'tr_labels');
      const remaining = Int32Array.from(Array.from({ length: tr.length }, (_, i) => i).filter((i) => !held.has(i)).map((i) => tr[i]));
      expect(remaining.length).toBe(47_000);
      const f = await mkdtemp(join(tmpdir(), 'classfit-47k-'));
      folders.push(f);
      await writeFile(join(f, 'avg_pooling_0_acts.npy'), syntheticActivations(remaining, 2, 1));
      await mkdir(join(f, 'generative_classification'));
      await writeFile(join(f, 'generative_classification', 'class_indices_split.json'), await readFile(join(SHIPPED, 'class_indices_split.json')));
      const result = await importModel({ db: handle.db, artifacts }, { name: 'labels-from-class-split', source: { folder: f } });
      expect(result.labelsFrom).toBe(join(f, 'generative_classification', 'class_indices_split.json'));
      expect(result.classCount).toBe(100);
      const examples = await examplesOfModel(handle.db, result.model.id);
      expect(Int32Array.from(examples.map((e) => e.label))).toEqual(remaining);

      // With 50,000 rows and the test sets beside it, the file labels only 47,000 of them: that is said, not guessed.
      const { folder: g } = await folder({ dims: [2], withSplits: true });
      await unlink(join(g, 'mem_scores.npz'));
      const error = await failure({ name: 'labels-partial', source: { folder: g } });
      expect(error.problems).toEqual([{
        field: join(g, 'generative_classification', 'class_indices_split.json'),
        message: 'labels only the 47000 rows outside the held-out test sets; the other 3000 have no label: add labels.npy or mem_scores.npz with tr_labels',
      }]);
    });

    it('lists every file and folder it did not read, and says what an activation-less folder holds', async () => {
      const { folder: f } = await folder({ dims: [2], withSplits: true });
      await writeFile(join(f, 'class_names.json'), JSON.stringify(Array.from({ length: 100 }, (_, c) => `c${c}`)));
      await writeFile(join(f, 'classes.txt'), 'ignored\n');
      await writeFile(join(f, 'notes.txt'), 'hello');
      await writeFile(join(f, 'layer4.npy'), 'x');
      await mkdir(join(f, 'checkpoints'));
      await writeFile(join(f, 'dkls', 'README'), 'x');
      const result = await importModel({ db: handle.db, artifacts }, { name: 'unused-files', source: { folder: f } });
      expect(result.unusedFiles).toEqual(['checkpoints/', 'classes.txt', 'dkls/README', 'layer4.npy', 'notes.txt']);

      const bare = await mkdtemp(join(tmpdir(), 'classfit-bare-'));
      folders.push(bare);
      await writeFile(join(bare, 'acts_stage1.npy'), 'x');
      await writeFile(join(bare, 'labels.npy'), 'x');
      const error = await failure({ name: 'bare', source: { folder: bare } });
      expect(error.problems[0]).toEqual({ field: 'layers', message: expect.stringMatching(/no activation files found .*; the folder holds acts_stage1\.npy$/) });
    });

    it('keeps the source name beside the display name: avg_pooling_<i> for stage<i+1>, the file name for --layer files', async () => {
      const { folder: f, labels } = await folder({ dims: [2, 3] });
      const authors = await importModel({ db: handle.db, artifacts }, { name: 'names-authors', source: { folder: f } });
      expect(authors.layers.map((l) => [l.name, l.sourceName])).toEqual([['stage1', 'avg_pooling_0'], ['stage2', 'avg_pooling_1']]);
      await writeFile(join(f, 'relu4.npy'), syntheticActivations(labels, 2, 4));
      const explicit = await importModel({ db: handle.db, artifacts }, {
        name: 'names-explicit',
        source: explicitSource({ layers: [{ name: 'late', path: join(f, 'relu4.npy') }, { name: 'early', path: join(f, 'avg_pooling_0_acts.npy') }], memorizationPath: join(f, 'mem_scores.npz') }),
      });
      expect((await layersByModelIds(handle.db, [explicit.model.id])).map((l) => [l.name, l.sourceName])).toEqual([['late', 'relu4'], ['early', 'avg_pooling_0']]);
    });
  });
}
