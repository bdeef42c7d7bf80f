import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestEngines, openTestApi, type TestApi } from '../../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../../testing/graphql-seed.ts';
import { createLoaders } from './loaders.ts';
import { cellsOf, createSharedReads } from './shared-reads.ts';

describe('class-fit loaders', () => {
  let api: TestApi;
  let seeded: Seeded;
  beforeAll(async () => {
    api = await openTestApi(apiTestEngines()[0]);
    seeded = await seedAnalysedModels(api.app, 2, { layers: 3, classes: 4 });
  });
  afterAll(async () => api?.close());

  it('read one layer of a run in one statement, and serve its layers from a whole run once it is loaded', async () => {
    const model = seeded.models[1];
    const run = seeded.runs.get(model.id)!;
    const [first, second] = seeded.layers.get(model.id)!;
    const loaders = api.newContext().loaders;
    api.queries.reset();
    const [a, b] = await Promise.all([first, second].map((layer) => loaders.classFitsOfRunLayer.load({ runId: run.id, layerId: layer.id })));
    expect(api.queries.count).toBe(1);
    expect(a.map((f) => [f.layerId, f.label])).toEqual([0, 1, 2, 3].map((label) => [first.id, label]));
    expect(b.every((f) => f.layerId === second.id && f.runId === run.id)).toBe(true);

    const fresh = api.newContext().loaders;
    const whole = await fresh.classFitsOfRun.load(run.id);
    expect(whole).toHaveLength(12);
    api.queries.reset();
    const third = seeded.layers.get(model.id)![2];
    expect(await fresh.classFitsOfRunLayer.load({ runId: run.id, layerId: third.id })).toEqual(whole.filter((f) => f.layerId === third.id));
    expect(api.queries.count).toBe(0);
  });
});

describe('rows shared at one data version', () => {
  let api: TestApi;
  let seeded: Seeded;
  let other: Seeded;
  beforeAll(async () => {
    api = await openTestApi(apiTestEngines()[0]);
    seeded = await seedAnalysedModels(api.app, 2, { project: 'alpha', prefix: 'a-' });
    other = await seedAnalysedModels(api.app, 1, { project: 'beta', prefix: 'b-', dataset: 'beta-data', architectures: ['b18', 'b50'] });
  });
  afterAll(async () => api?.close());

  it('are read once per version, and each caller still sees only its projects', async () => {
    const shared = createSharedReads();
    const loaders = (visibility: 'all' | number[], version: string) => createLoaders(api.app.db, api.app.artifacts, visibility, shared.at(version));
    const model = seeded.models[0];
    const betaModel = other.models[0];
    api.queries.reset();
    expect(await loaders('all', '7').layersOfModel.load(model.id)).toHaveLength(2);
    expect((await loaders('all', '7').model.load(betaModel.id))?.name).toBe('b-000');
    expect(api.queries.count).toBe(2);
    // Another request at the same version: no statement. A viewer of alpha only: beta's model, though held, is absent.
    expect(await loaders('all', '7').layersOfModel.load(model.id)).toHaveLength(2);
    const alphaOnly = loaders([model.projectId], '7');
    expect(await alphaOnly.model.load(betaModel.id)).toBeUndefined();
    expect((await alphaOnly.model.load(model.id))?.name).toBe('a-000');
    expect(api.queries.count).toBe(3);
    // A newer version reads afresh; an older one (a request that read it before) reads for itself, holding nothing.
    await loaders('all', '8').layersOfModel.load(model.id);
    expect(api.queries.count).toBe(4);
    expect(shared.at('7')).toBeUndefined();
    expect(createLoaders(api.app.db, api.app.artifacts, 'all', shared.at('7')).layersOfModel).toBeDefined();
  });

  it('forget a failed read and count the cells they hold', async () => {
    const shared = createSharedReads(10);
    const reads = shared.at('1')!;
    const failed = Promise.reject(new Error('gone'));
    reads.set('x', failed);
    await failed.catch(() => undefined);
    await Promise.resolve();
    expect(reads.get('x')).toBeUndefined();
    // The list, the row, a, b, c and c's three numbers.
    expect(cellsOf([{ a: 1, b: 'x', c: [1, 2, 3] }])).toBe(8);
    reads.set('big', Promise.resolve(Array.from({ length: 20 }, (_, i) => i)));
    reads.set('small', Promise.resolve([1]));
    await new Promise((r) => setTimeout(r, 0));
    expect([reads.get('big'), await reads.get('small')]).toEqual([undefined, [1]]);
  });
});
