/**
 * Cross-model similarity through the API against closed forms: a model against a copy whose activations are an
 * orthogonally rotated, scaled and shifted version of its own has CKA 1 and Procrustes distance 0 layer for
 * layer (and the copy's cross-layer values equal the model's own); a model against itself likewise; a copy with
 * its examples in another order is refused, naming the first mismatched example. The comparison carries the
 * per-depth CKA beside group agreement, and the request budget refuses a computation too large for it.
 */
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linearCka } from '@classfit/core/analysis';
import { readNpy, writeNpy } from '@classfit/core/io';
import { createRng } from '@classfit/core/rng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layers } from '@classfit/db';
import { eq } from 'drizzle-orm';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels } from '../testing/graphql-seed.ts';
import { importSynthetic, writeSyntheticFiles } from '../testing/synthetic-model.ts';
import { toGlobalId } from '../services/views/global-id.ts';

const LAYER_FILES = ['layer0.npy', 'layer1.npy'];

/** A random d × d orthogonal matrix (Gram–Schmidt of Gaussian columns), row-major. */
function randomOrthogonal(d: number, seed: number): Float64Array {
  const rng = createRng(seed, 0);
  const q = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    const v = Float64Array.from({ length: d }, () => rng.normal());
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += v[i] * q[i * d + k];
      for (let i = 0; i < d; i++) v[i] -= dot * q[i * d + k];
    }
    const norm = Math.hypot(...v);
    for (let i = 0; i < d; i++) q[i * d + j] = v[i] / norm;
  }
  return q;
}

/** A copy of the synthetic folder whose layer l holds `transform(l, x)` of the original rows (labels: `labels`). */
async function transformedCopy(folder: string, transform: (layer: number, x: Float64Array, n: number, d: number) => Float64Array, permutation?: Int32Array): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'classfit-cka-copy-'));
  for (const file of ['mem.npy', 'random_class_split.json']) await copyFile(join(folder, file), join(copy, file));
  const labels = readNpy(await readFile(join(folder, 'labels.npy')), 'labels').data as Int32Array;
  const order = permutation ?? Int32Array.from(labels.keys());
  await writeFile(join(copy, 'labels.npy'), writeNpy({ dtype: 'int32', shape: [labels.length], data: Int32Array.from(order, (i) => labels[i]) }));
  for (const [l, file] of LAYER_FILES.entries()) {
    const array = readNpy(await readFile(join(folder, file)), file);
    const [n, d] = array.shape;
    const x = array.data as Float64Array;
    const reordered = new Float64Array(n * d);
    order.forEach((source, i) => reordered.set(x.subarray(source * d, (source + 1) * d), i * d));
    await writeFile(join(copy, file), writeNpy({ dtype: 'float64', shape: [n, d], data: transform(l, reordered, n, d) }));
  }
  return copy;
}

/** y = s·x·Q + t: rotated, scaled, shifted rows. */
function rotateScaleShift(x: Float64Array, n: number, d: number, q: Float64Array, s: number, t: number): Float64Array {
  const y = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      let v = 0;
      for (let k = 0; k < d; k++) v += x[i * d + k] * q[k * d + j];
      y[i * d + j] = s * v + t * (j + 1);
    }
  }
  return y;
}

describe('cross-model similarity', () => {
  let api: TestApi;
  let folder: string;
  const ids: Record<'a' | 'rotated' | 'permuted', { model: string; layers: string[] }> = {} as never;

  beforeAll(async () => {
    api = await openTestApi(apiTestEngines()[0]);
    folder = await writeSyntheticFiles();
    const rotated = await transformedCopy(folder, (l, x, n, d) => rotateScaleShift(x, n, d, randomOrthogonal(d, 5 + l), [2.5, 0.3][l], [4, -1][l]));
    const labels = readNpy(await readFile(join(folder, 'labels.npy')), 'labels').data as Int32Array;
    const reversed = Int32Array.from(labels.keys()).reverse();
    const permuted = await transformedCopy(folder, (_, x) => x, reversed);
    for (const [key, dir] of [['a', folder], ['rotated', rotated], ['permuted', permuted]] as const) {
      const imported = await importSynthetic(api.app, dir, `cka-${key}`);
      ids[key] = { model: toGlobalId('Model', imported.model.id), layers: imported.layers.map((l) => toGlobalId('Layer', l.id)) };
    }
  });
  afterAll(() => api?.close());

  const MATRIX = `query($a: ID!, $b: ID!, $m: SimilarityMeasure!) { crossModelSimilarity(a: $a, b: $b, measure: $m) {
    measure models { name } rows { name } columns { name } values exampleCount } }`;

  it('gives CKA 1 and Procrustes 0 between a model and its rotated, scaled copy, layer for layer', async () => {
    const cka = await api.execute(MATRIX, { a: ids.a.model, b: ids.rotated.model, m: 'CKA' });
    expect(cka.errors).toBeUndefined();
    const matrix = cka.data!.crossModelSimilarity;
    expect(matrix).toMatchObject({ measure: 'CKA', models: [{ name: 'cka-a' }, { name: 'cka-rotated' }], rows: [{ name: 'early' }, { name: 'late' }], columns: [{ name: 'early' }, { name: 'late' }], exampleCount: 72 });
    expect(matrix.values[0][0]).toBeCloseTo(1, 9);
    expect(matrix.values[1][1]).toBeCloseTo(1, 9);

    // Off the diagonal the copy changes nothing: the values are the model's own cross-layer CKA, which core computes from the files.
    const own = (await api.execute(MATRIX, { a: ids.a.model, b: ids.a.model, m: 'CKA' })).data!.crossModelSimilarity.values;
    expect(own[0][0]).toBeCloseTo(1, 12);
    const [x, y] = await Promise.all(LAYER_FILES.map(async (f) => readNpy(await readFile(join(folder, f)), f)));
    const direct = linearCka(x.data as Float64Array, y.data as Float64Array, 72, 4, 6);
    expect(direct).toBeGreaterThan(-0.5);
    expect(direct).toBeLessThan(0.99);
    expect(own[0][1]).toBeCloseTo(direct, 10);
    expect(matrix.values[0][1]).toBeCloseTo(direct, 9);
    expect(matrix.values[1][0]).toBeCloseTo(direct, 9);

    const procrustes = (await api.execute(MATRIX, { a: ids.a.model, b: ids.rotated.model, m: 'PROCRUSTES' })).data!.crossModelSimilarity;
    expect(procrustes.measure).toBe('PROCRUSTES');
    expect(procrustes.values[0][0]).toBeCloseTo(0, 6);
    expect(procrustes.values[1][1]).toBeCloseTo(0, 6);
    expect(procrustes.values[0][1]).toBeGreaterThan(0.05);
  });

  it('answers Layer.similarity for one pair: 1 against itself and against the rotated copy', async () => {
    const result = await api.execute(
      `query($l: ID!, $self: ID!, $copy: ID!, $late: ID!) { layer(id: $l) {
        self: similarity(to: $self) { measure value exampleCount layer { name } other { name model { name } } }
        copy: similarity(to: $copy, measure: CKA) { value }
        distance: similarity(to: $copy, measure: PROCRUSTES) { measure value }
        late: similarity(to: $late) { value } } }`,
      { l: ids.a.layers[0], self: ids.a.layers[0], copy: ids.rotated.layers[0], late: ids.rotated.layers[1] },
    );
    expect(result.errors).toBeUndefined();
    const layer = result.data!.layer;
    expect(layer.self).toMatchObject({ measure: 'CKA', exampleCount: 72, layer: { name: 'early' }, other: { name: 'early', model: { name: 'cka-a' } } });
    expect(layer.self.value).toBeCloseTo(1, 12);
    expect(layer.copy.value).toBeCloseTo(1, 9);
    expect(layer.distance.measure).toBe('PROCRUSTES');
    expect(layer.distance.value).toBeCloseTo(0, 6);
    expect(layer.late.value).toBeLessThan(0.99);
  });

  it('refuses models whose examples are in another order, naming the first mismatch', async () => {
    const matrix = await api.execute(MATRIX, { a: ids.a.model, b: ids.permuted.model, m: 'CKA' });
    expect(matrix.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'b' });
    expect(matrix.errors?.[0].message).toMatch(/^b: example 0 is labelled 0 in model "cka-a" but 2 in model "cka-permuted": the example sets differ or are in another order/);
    const pair = await api.execute('query($l: ID!, $to: ID!) { layer(id: $l) { similarity(to: $to) { value } } }', { l: ids.a.layers[0], to: ids.permuted.layers[0] });
    expect(pair.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('puts the per-depth CKA beside group agreement in compareModels, and says why it is missing', async () => {
    // Analysed models (seeded results) on one dataset, whose activations are then made real: the second model's
    // are the first's rotated and scaled; a third model on another dataset cannot be paired.
    const same = await seedAnalysedModels(api.app, 2, { project: 'cmp', prefix: 'cmp-' });
    const other = await seedAnalysedModels(api.app, 1, { project: 'cmp', prefix: 'cmp-other-', dataset: 'toy3-other' });
    const rng = createRng(9, 0);
    const [first, second] = same.models.map((m) => same.layers.get(m.id)!);
    for (const [s, layer] of first.entries()) {
      const x = Float64Array.from({ length: 30 * 4 }, (_, k) => rng.normal() + (Math.floor(k / 4) % 3) * (s + 1));
      const y = rotateScaleShift(x, 30, 4, randomOrthogonal(4, 20 + s), 3, 1);
      for (const [row, data] of [[layer, x], [second[s], y]] as const) {
        const key = await api.app.artifacts.put(writeNpy({ dtype: 'float64', shape: [30, 4], data }), 'npy');
        await api.app.db.update(layers).set({ activationsArtifact: key }).where(eq(layers.id, row.id));
      }
    }
    const result = await api.execute(
      'query($ids: [ID!]!) { compareModels(ids: $ids, statistic: MEAN_LOG_DENSITY) { depths { relativeDepth entries { model { name } layer { name } groupAgreement cka ckaUnavailable } } } }',
      { ids: [...same.models, ...other.models].map((m) => toGlobalId('Model', m.id)) },
    );
    expect(result.errors).toBeUndefined();
    const { depths } = result.data!.compareModels;
    expect(depths.map((d: any) => d.relativeDepth)).toEqual([0.5, 1]);
    for (const depth of depths) {
      const [base, copy, elsewhere] = depth.entries;
      expect(base).toMatchObject({ model: { name: 'cmp-000' }, cka: null, ckaUnavailable: null, groupAgreement: null });
      expect(copy.cka).toBeCloseTo(1, 9);
      expect(copy).toMatchObject({ ckaUnavailable: null, groupAgreement: 1 });
      expect(elsewhere).toMatchObject({ model: { name: 'cmp-other-000' }, cka: null });
      expect(elsewhere.ckaUnavailable).toBe('model "cmp-000" is on dataset "toy3", model "cmp-other-000" on "toy3-other"; CKA needs both models\' activations on the same examples');
    }
  });

  it('refuses a computation past the request budget, and answers a cached one at no cost', async () => {
    // 72 examples: the full 2 + 2 layer matrix of a model against itself is 72·20²/2 = 14,400 multiply-adds; one
    // pair of its 4-wide layers 72·8²/2 = 2,304.
    const small = await openTestApi(apiTestEngines()[0], { requestBudget: { similarity: 3000 } });
    try {
      const imported = await importSynthetic(small.app, folder, 'cka-budget');
      const id = toGlobalId('Model', imported.model.id);
      const refused = await small.execute(MATRIX, { a: id, b: id, m: 'CKA' });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'crossModelSimilarity' });
      expect(refused.errors?.[0].message).toMatch(/takes 1\.44e\+4 multiply-adds .* at most 3\.0e\+3 per request/);
      // Twice the same pair in one request: the second is the first's (cached) result, so 2,304 is charged once.
      const early = toGlobalId('Layer', imported.layers[0].id);
      const twice = await small.execute('query($l: ID!) { layer(id: $l) { one: similarity(to: $l) { value } two: similarity(to: $l, measure: CKA) { value } } }', { l: early });
      expect(twice.errors).toBeUndefined();
      expect(twice.data!.layer.one.value).toBeCloseTo(1, 12);
      expect(twice.data!.layer.two.value).toBe(twice.data!.layer.one.value);
      // Procrustes is its own computation, cached apart: statistics plus CᵀC and an eigen-decomposition, 2,304 + 288.
      const distance = await small.execute('query($l: ID!) { layer(id: $l) { similarity(to: $l, measure: PROCRUSTES) { value } } }', { l: early });
      expect(distance.errors).toBeUndefined();
      expect(distance.data!.layer.similarity.value).toBeCloseTo(0, 6);
      const late = toGlobalId('Layer', imported.layers[1].id);
      const pairs = await small.execute('query($l: ID!, $m: ID!) { layer(id: $l) { one: similarity(to: $l) { value } two: similarity(to: $m) { value } } }', { l: early, m: late });
      expect(pairs.errors?.[0].message).toMatch(/multiply-adds/);
    } finally {
      await small.close();
    }
  });
});

describe('compareModels on activations that are not an array', () => {
  let api: TestApi;
  let gated = 0;
  beforeAll(async () => {
    const scoring = { run: <T>(work: () => Promise<T>) => (gated++, work()), state: () => ({ running: 0, waiting: 0 }) };
    api = await openTestApi(apiTestEngines()[0], { scoring });
  });
  afterAll(async () => api?.close());

  it('says why the CKA is missing, and the second time without reading the files behind the scoring gate again', async () => {
    // The seed stores a file that is not an .npy as every layer's activations.
    const seeded = await seedAnalysedModels(api.app, 2, { prefix: 'junk-' });
    const query = 'query($ids: [ID!]!) { compareModels(ids: $ids, statistic: MEAN_LOG_DENSITY) { depths { entries { cka ckaUnavailable } } } }';
    const ids = seeded.models.map((m) => toGlobalId('Model', m.id));
    const first = await api.execute(query, { ids });
    expect(first.errors).toBeUndefined();
    const reason = first.data!.compareModels.depths[0].entries[1].ckaUnavailable;
    expect(reason).toMatch(/activations of layer "stage1" of model "junk-000"/);
    expect(gated).toBe(1);
    expect(await api.execute(query, { ids })).toEqual(first);
    expect(gated).toBe(1);
  });
});
