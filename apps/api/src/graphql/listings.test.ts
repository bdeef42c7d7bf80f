/**
 * The dashboard's listing requests (apps/web/API_REQUESTS.md 2–7): models sorted by every column and filtered by
 * accuracy, paged forwards and backwards; the tags in use; fit runs in a chosen order; KL `farthest`; run logs.
 */
import { claimRun, enqueueRun, heartbeatRun, insertLayers, insertModel, upsertArchitecture, upsertDataset, upsertProject } from '@classfit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';
import { fromGlobalId, toGlobalId } from '../services/views/global-id.ts';

interface ModelNode {
  id: string;
  name: string;
  accuracy: number | null;
  layerCount: number;
  classCount: number;
  status: string | null;
  architecture: { name: string };
  dataset: { name: string };
}

const FIELDS = 'id name accuracy layerCount classCount status architecture { name } dataset { name }';
const STATUS_RANK: Record<string, number> = { QUEUED: 1, RUNNING: 2, SUCCEEDED: 3, FAILED: 4, CANCELLED: 5 };

/** What each order sorts by, before the id; names here are plain ASCII, so `<` agrees with any collation. */
const SORT_KEYS: Record<string, (m: ModelNode) => (string | number)[]> = {
  NAME: (m) => [m.name],
  CREATED_AT: () => [],
  ACCURACY: (m) => [m.accuracy ?? -Infinity],
  ARCHITECTURE: (m) => [m.architecture.name, m.name],
  DATASET: (m) => [m.dataset.name, m.name],
  LAYER_COUNT: (m) => [m.layerCount],
  CLASS_COUNT: (m) => [m.classCount],
  STATUS: (m) => [m.status ? STATUS_RANK[m.status] : 0],
};

function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

describe.each(apiTestEngines())('dashboard listings on $name', (engine) => {
  let api: TestApi;
  let seeded: Seeded;
  const runIds: Record<string, number> = {};

  beforeAll(async () => {
    api = await openTestApi(engine);
    seeded = await seedAnalysedModels(api.app, 6);
    const { db } = api.app;
    // Three more models that differ in dataset, layers, classes, status and accuracy (one ties model-000's 0.5).
    const project = await upsertProject(db, 'default');
    const mnist = await upsertDataset(db, 'mnist10', 10);
    const toy = await upsertDataset(db, 'toy3', 3);
    const arch = await upsertArchitecture(db, { name: 'plaincnn', family: 'plain', depth: 8 });
    const model = (name: string, datasetId: number, accuracy: number | null, tags: string[]) =>
      insertModel(db, { projectId: project.id, name, architectureId: arch.id, datasetId, seed: 0, accuracy, tags });
    const a = await model('extra-a', mnist.id, null, ['paper']);
    const b = await model('extra-b', mnist.id, 0.9, ['paper', 'seeded']);
    const c = await model('extra-c', toy.id, 0.5, []);
    const layer = (modelId: number, index: number) => ({ modelId, name: `l${index}`, index, relativeDepth: (index + 1) / 3, dim: 4, exampleCount: 0, activationsArtifact: `${'a'.repeat(64)}.npy` });
    await insertLayers(db, [0, 1, 2].map((i) => layer(a.id, i)));
    await insertLayers(db, [layer(b.id, 0)]);
    // Runs created c1, b1, c2 but started c2 then c1; b1 stays queued.
    runIds.c1 = (await enqueueRun(db, { modelId: c.id, configKey: 'c1', config: {}, seed: 1 })).run.id;
    runIds.b1 = (await enqueueRun(db, { modelId: b.id, configKey: 'b1', config: {}, seed: 1 })).run.id;
    runIds.c2 = (await enqueueRun(db, { modelId: c.id, configKey: 'c2', config: {}, seed: 2 })).run.id;
    await claimRun(db, 'w1', { runId: runIds.c2 });
    await claimRun(db, 'w1', { runId: runIds.c1 });
    await heartbeatRun(db, runIds.c1, 'w1', undefined, ['10:00:00 load', '10:00:01 svd · layer l0', '10:00:02 fit · layer l0 · class 0']);
  });
  afterAll(() => api?.close());

  async function modelPage(variables: Record<string, unknown>) {
    const result = await api.execute(
      `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: ModelOrder, $filter: ModelFilter) {
        models(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { ${FIELDS} } } }`,
      variables,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.models as { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string }; nodes: ModelNode[] };
  }

  it.each(Object.keys(SORT_KEYS).flatMap((field) => [{ field, direction: 'ASC' }, { field, direction: 'DESC' }]))(
    'orders models by $field $direction (ties by id) and pages the same list forwards and backwards',
    async (orderBy) => {
      const all = (await modelPage({ first: 100, orderBy })).nodes;
      expect(all).toHaveLength(9);
      const sign = orderBy.direction === 'ASC' ? 1 : -1;
      const key = (m: ModelNode) => [...SORT_KEYS[orderBy.field](m), fromGlobalId(m.id, 'Model')];
      for (let i = 1; i < all.length; i++) expect(sign * compareKeys(key(all[i - 1]), key(all[i])), `${all[i - 1].name} before ${all[i].name}`).toBe(-1);
      const names = all.map((m) => m.name);

      const forwards: string[] = [];
      let after: string | null = null;
      for (let hop = 0; hop < 5; hop++) {
        const page = await modelPage({ first: 4, after, orderBy });
        forwards.push(...page.nodes.map((m) => m.name));
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(forwards).toEqual(names);

      const backwards: string[] = [];
      let before: string | null = null;
      for (let hop = 0; hop < 5; hop++) {
        const page = await modelPage({ last: 4, before, orderBy });
        backwards.unshift(...page.nodes.map((m) => m.name));
        expect(page.pageInfo.hasNextPage).toBe(before !== null);
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(backwards).toEqual(names);
    },
  );

  it('goes back from a later page to exactly the page before it', async () => {
    const orderBy = { field: 'ACCURACY', direction: 'DESC' };
    const first = await modelPage({ first: 3, orderBy });
    const second = await modelPage({ first: 3, after: first.pageInfo.endCursor, orderBy });
    const back = await modelPage({ last: 3, before: second.pageInfo.startCursor, orderBy });
    expect(back.nodes.map((m) => m.name)).toEqual(first.nodes.map((m) => m.name));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true, endCursor: first.pageInfo.endCursor });
    expect(back.totalCount).toBe(9);
  });

  it('rejects mixing the directions, and a `last` over the cap, with BAD_USER_INPUT', async () => {
    const rejected = async (args: string) => (await api.execute(`{ models(${args}) { totalCount } }`)).errors?.[0]?.extensions;
    expect(await rejected('first: 2, last: 2')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const { startCursor } = (await modelPage({ first: 2 })).pageInfo;
    expect(await rejected(`last: 2, after: "${startCursor}"`)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await rejected('last: 101')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    expect(await rejected('last: 2, before: "bm9wZQ"')).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('filters models by accuracy bounds (inclusive; no accuracy never matches), also inside or', async () => {
    const names = async (filter: object) => (await modelPage({ first: 100, filter, orderBy: { field: 'NAME', direction: 'ASC' } })).nodes.map((m) => m.name);
    // model-m has accuracy 0.5 + m / 24.
    expect(await names({ accuracy: { gte: 0.6 } })).toEqual(['extra-b', 'model-003', 'model-004', 'model-005']);
    expect(await names({ accuracy: { lte: 0.5 } })).toEqual(['extra-c', 'model-000']);
    expect(await names({ accuracy: { gte: 0.55, lte: 0.65 } })).toEqual(['model-002', 'model-003']);
    expect(await names({ accuracy: { lte: 1 } })).toHaveLength(8);
    expect(await names({ or: [{ accuracy: { gte: 0.85 } }, { dataset: { eq: 'mnist10' } }] })).toEqual(['extra-a', 'extra-b']);
    expect((await modelPage({ first: 1, filter: { accuracy: { gte: 0.7 } } })).totalCount).toBe(2);
  });

  it('lists the tags in use with their model counts, by name', async () => {
    const result = await api.execute('{ tags { name modelCount } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.tags).toEqual([
      { name: 'even', modelCount: 3 },
      { name: 'odd', modelCount: 3 },
      { name: 'paper', modelCount: 2 },
      { name: 'seeded', modelCount: 7 },
    ]);
  });

  it('orders fit runs by queue or start time, both ways, across pages', async () => {
    const seededRuns = [...seeded.runs.values()].map((r) => r.id).sort((x, y) => x - y);
    const collect = async (orderBy: object) => {
      const seen: number[] = [];
      let after: string | null = null;
      for (let hop = 0; hop < 10; hop++) {
        const result: any = await api.execute(
          'query($after: String, $orderBy: FitRunOrder) { fitRuns(first: 2, after: $after, orderBy: $orderBy) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }',
          { after, orderBy },
        );
        expect(result.errors).toBeUndefined();
        seen.push(...result.data.fitRuns.nodes.map((n: { id: string }) => fromGlobalId(n.id, 'FitRun')));
        if (!result.data.fitRuns.pageInfo.hasNextPage) break;
        after = result.data.fitRuns.pageInfo.endCursor;
      }
      return seen;
    };
    const newest = [runIds.c2, runIds.b1, runIds.c1, ...[...seededRuns].reverse()];
    expect(await collect({ field: 'CREATED_AT', direction: 'DESC' })).toEqual(newest);
    expect(await collect({ field: 'CREATED_AT', direction: 'ASC' })).toEqual([...newest].reverse());
    // Started c2 then c1; the rest never started (the seed finishes runs without claiming them): earliest, by id.
    const started = [runIds.c1, runIds.c2, runIds.b1, ...[...seededRuns].reverse()];
    expect(await collect({ field: 'STARTED_AT', direction: 'DESC' })).toEqual(started);
    expect(await collect({ field: 'STARTED_AT', direction: 'ASC' })).toEqual([...started].reverse());
    // The default is newest first by queue time.
    const plain: any = await api.execute('{ fitRuns(first: 3) { nodes { id } } }');
    expect(plain.data.fitRuns.nodes.map((n: { id: string }) => fromGlobalId(n.id, 'FitRun'))).toEqual(newest.slice(0, 3));
  });

  it('reads the tail of a run\'s log, and rejects a tail outside 1..200', async () => {
    const query = `query($id: ID!, $last: Int) { fitRun(id: $id) { log(last: $last) all: log } }`;
    const result = await api.execute(query, { id: toGlobalId('FitRun', runIds.c1), last: 2 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.fitRun.log).toEqual(['10:00:01 svd · layer l0', '10:00:02 fit · layer l0 · class 0']);
    expect(result.data!.fitRun.all).toHaveLength(3);
    const none = await api.execute(query, { id: toGlobalId('FitRun', runIds.b1), last: 5 });
    expect(none.data!.fitRun.log).toEqual([]);
    const bad = await api.execute(query, { id: toGlobalId('FitRun', runIds.c1), last: 0 });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
  });

  it('ranks the farthest classes of a KL row, the twin of nearest', async () => {
    const layer = seeded.layers.get(seeded.models[0].id)![0];
    // Seeded matrix rows: [0, 4, 9], [5, 0, 1], [8, 2, 0].
    const result = await api.execute(
      `query($id: ID!) { layer(id: $id) { klMatrices { far0: farthest(label: 0, k: 2) { label kl } far1: farthest(label: 1) { label kl }
        near1: nearest(label: 1, k: 1) { label kl } } } }`,
      { id: toGlobalId('Layer', layer.id) },
    );
    expect(result.errors).toBeUndefined();
    const kl = result.data!.layer.klMatrices[0];
    expect(kl.far0).toEqual([{ label: 2, kl: 9 }, { label: 1, kl: 4 }]);
    expect(kl.far1).toEqual([{ label: 0, kl: 5 }, { label: 2, kl: 1 }]);
    expect(kl.near1).toEqual([{ label: 2, kl: 1 }]);
    const bad = await api.execute('query($id: ID!) { layer(id: $id) { klMatrices { farthest(label: 7) { label } } } }', { id: toGlobalId('Layer', layer.id) });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'label' });
  });
});
