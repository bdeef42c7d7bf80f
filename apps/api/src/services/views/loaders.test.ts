import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestEngines, openTestApi, type TestApi } from '../../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../../testing/graphql-seed.ts';

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
