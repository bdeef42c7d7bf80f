import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';
import { toGlobalId } from '../services/views/global-id.ts';
import type { BackendInfo } from '@classfit/core/tensor';
import { describeAdapter } from '@classfit/core/tensor';

describe.each(apiTestEngines())('GraphQL queries on $name', (engine) => {
  let api: TestApi;
  let seeded: Seeded;

  beforeAll(async () => {
    api = await openTestApi(engine);
    seeded = await seedAnalysedModels(api.app, 6);
  });
  afterAll(() => api?.close());

  it('pages models with totalCount, cursors and a capped `first`', async () => {
    const query = `query($after: String) { models(first: 4, after: $after, orderBy: { field: NAME, direction: ASC }) {
      totalCount pageInfo { hasNextPage endCursor } nodes { name architecture { name } tags status layerCount classCount } } }`;
    const first = await api.execute(query);
    expect(first.errors).toBeUndefined();
    expect(first.data!.models.totalCount).toBe(6);
    expect(first.data!.models.nodes.map((m: any) => m.name)).toEqual(['model-000', 'model-001', 'model-002', 'model-003']);
    expect(first.data!.models.nodes[0]).toMatchObject({ architecture: { name: 'resnet18' }, tags: ['even', 'seeded'], status: 'SUCCEEDED', layerCount: 2, classCount: 3 });
    const second = await api.execute(query, { after: first.data!.models.pageInfo.endCursor });
    expect(second.data!.models.nodes.map((m: any) => m.name)).toEqual(['model-004', 'model-005']);
    expect(second.data!.models.pageInfo.hasNextPage).toBe(false);
  });

  it('filters models with in/and/or and orders by accuracy', async () => {
    const result = await api.execute(`{ models(first: 10, orderBy: { field: ACCURACY, direction: DESC },
      filter: { architecture: { in: ["resnet50"] }, or: [{ name: { eq: "model-001" } }, { name: { eq: "model-005" } }], and: [{ tag: { eq: "odd" } }] }) {
      totalCount nodes { name accuracy } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.models.nodes.map((m: any) => m.name)).toEqual(['model-005', 'model-001']);
    expect(result.data!.models.totalCount).toBe(2);
  });

  it('filters models by latest-run status and tag substring', async () => {
    const count = async (filter: string) => (await api.execute(`{ models(filter: ${filter}) { totalCount } }`)).data!.models.totalCount;
    expect(await count('{ status: [SUCCEEDED] }')).toBe(6);
    expect(await count('{ status: [QUEUED, RUNNING] }')).toBe(0);
    expect(await count('{ tag: { contains: "EV" } }')).toBe(3);
    expect(await count('{ family: { eq: "resnet" }, dataset: { in: ["toy3", "other"] } }')).toBe(6);
    expect(await count('{ or: [] }')).toBe(0);
  });

  it('lists the catalogue and pages a model\'s examples by memorization across cursors', async () => {
    const catalogue = await api.execute(`{ projects { totalCount nodes { name models(first: 1) { totalCount } } }
      datasets { nodes { name classCount classes { totalCount nodes { label name dataset { name } } } } }
      architectures { nodes { name family depth modelCount } } }`);
    expect(catalogue.errors).toBeUndefined();
    expect(catalogue.data!.projects.nodes[0]).toMatchObject({ name: 'default', models: { totalCount: 6 } });
    expect(catalogue.data!.datasets.nodes[0]).toMatchObject({ name: 'toy3', classCount: 3, classes: { totalCount: 3 } });
    expect(catalogue.data!.architectures.nodes.map((a: any) => a.modelCount)).toEqual([3, 3]);
    const page = `query($id: ID!, $after: String) { model(id: $id) { examples(first: 4, after: $after, filter: { label: [1] },
      orderBy: { field: MEMORIZATION, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor } nodes { index label memorization class { name } } } } }`;
    const id = toGlobalId('Model', seeded.models[0].id);
    const seen: any[] = [];
    let after: string | null = null;
    do {
      const result: any = await api.execute(page, { id, after });
      expect(result.errors).toBeUndefined();
      seen.push(...result.data.model.examples.nodes);
      after = result.data.model.examples.pageInfo.hasNextPage ? result.data.model.examples.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(10);
    expect(new Set(seen.map((e) => e.index)).size).toBe(10);
    expect(seen.every((e) => e.label === 1 && e.class.name === 'class-1')).toBe(true);
    const memorization = seen.map((e) => e.memorization);
    expect([...memorization].sort((a, b) => b - a)).toEqual(memorization);
  });

  it('rejects `first` over 100 with BAD_USER_INPUT naming the argument', async () => {
    const result = await api.execute('{ models(first: 101) { totalCount } }');
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(result.errors?.[0].message).toMatch(/between 0 and 100, got 101/);
  });

  it('rejects a cursor it did not make', async () => {
    const result = await api.execute('{ models(first: 2, after: "bm9wZQ") { totalCount } }');
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers unknown, malformed and wrong-type IDs with NOT_FOUND', async () => {
    for (const id of [toGlobalId('Model', 999_999), 'not-an-id', toGlobalId('Layer', seeded.layers.get(seeded.models[0].id)![0].id)]) {
      const result = await api.execute('query($id: ID!) { model(id: $id) { name } }', { id });
      expect(result.errors?.[0].extensions?.code, id).toBe('NOT_FOUND');
      expect(result.data?.model).toBeNull();
    }
    const nodes = await api.execute('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['junk', toGlobalId('FitRun', 424242)] });
    expect(nodes.data!.nodes).toEqual([null, null]);
  });

  it('resolves every kind of node by global ID', async () => {
    const model = seeded.models[0];
    const run = seeded.runs.get(model.id)!;
    const ids = [toGlobalId('Model', model.id), toGlobalId('Layer', seeded.layers.get(model.id)![1].id), toGlobalId('FitRun', run.id)];
    const result = await api.execute('query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Layer { name model { name } } } }', { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes.map((n: any) => n.__typename)).toEqual(['Model', 'Layer', 'FitRun']);
    expect(result.data!.nodes[1]).toMatchObject({ name: 'stage2', model: { name: 'model-000' } });
    expect(result.data!.nodes.map((n: any) => n.id)).toEqual(ids);
  });

  it('reads a layer: class fits sorted, split with labels, genclass, KL neighbours, bins, scores, traces', async () => {
    const layer = seeded.layers.get(seeded.models[0].id)![0];
    const result = await api.execute(
      `query($id: ID!) { layer(id: $id) { name relativeDepth reducedDim svd { components varianceFraction }
        classFits(orderBy: { field: MEAN_LOG_DENSITY, direction: DESC }) { totalCount nodes { label group meanLogDensity meanClusterCount class { name }
          heldOutDensity { count gap }
          diagnostics { chains sweeps clusterCounts(maxPoints: 4) { chain series { totalPoints x y } } } } }
        groupSplit { threshold lowCount highCount lowLabels highLabels }
        generativeClassification { subset f1Mean }
        klMatrices { subset labels rows mean matrix { shape dtype } nearest(label: 0, k: 1) { label kl } }
        densityBins(first: 2) { totalCount pageInfo { hasNextPage } nodes { index count memorizationMean highDensityShare } }
        exampleScores(first: 3, labels: [2], orderBy: { field: LOG_DENSITY, direction: DESC }) { totalCount nodes { exampleIndex label logDensity example { memorization } } }
      } }`,
      { id: toGlobalId('Layer', layer.id) },
    );
    expect(result.errors).toBeUndefined();
    const l = result.data!.layer;
    expect(l).toMatchObject({ name: 'stage1', relativeDepth: 0.5, reducedDim: 2, svd: { components: 2, varianceFraction: 0.9 } });
    expect(l.classFits.nodes.map((f: any) => f.label)).toEqual([0, 1, 2]);
    expect(l.classFits.nodes[0]).toMatchObject({ group: 'HIGH', class: { name: 'class-0' } });
    // Seeded like a run stored before held-out densities: null, not zeros.
    expect(l.classFits.nodes.map((f: any) => f.heldOutDensity)).toEqual([null, null, null]);
    // cluster counts after burn-in 4 of 1 + ((s + 0) % 3) for s = 4..9: 2,3,1,2,3,1 → mean 2
    expect(l.classFits.nodes[0].meanClusterCount).toBeCloseTo(2, 12);
    const series = l.classFits.nodes[0].diagnostics.clusterCounts[0].series;
    expect(series.totalPoints).toBe(10);
    expect(series.x[0]).toBe(0);
    expect(series.x.at(-1)).toBe(9);
    expect(l.groupSplit).toMatchObject({ lowCount: 2, highCount: 1, lowLabels: [1, 2], highLabels: [0] });
    expect(l.generativeClassification.map((g: any) => g.subset)).toEqual(['least', 'most']);
    expect(l.klMatrices[0]).toMatchObject({ subset: 'all', labels: [0, 1, 2], matrix: { shape: [3, 3], dtype: 'float32' }, nearest: [{ label: 1, kl: 4 }] });
    expect(l.klMatrices[0].rows[2]).toEqual([8, 2, 0]);
    expect(l.densityBins).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(l.exampleScores.totalCount).toBe(10);
    const densities = l.exampleScores.nodes.map((s: any) => s.logDensity);
    expect([...densities].sort((a, b) => b - a)).toEqual(densities);
    expect(l.exampleScores.nodes.every((s: any) => s.label === 2)).toBe(true);
  });

  it('builds the layer × class heatmap of a model in one field', async () => {
    const result = await api.execute(
      'query($id: ID!) { model(id: $id) { heatmap(statistic: MEAN_LOG_DENSITY) { labels matrix { shape data } rows { layer { name } values groupSplit { threshold } } } } }',
      { id: toGlobalId('Model', seeded.models[0].id) },
    );
    expect(result.errors).toBeUndefined();
    const heatmap = result.data!.model.heatmap;
    expect(heatmap.labels).toEqual([0, 1, 2]);
    expect(heatmap.matrix.shape).toEqual([2, 3]);
    expect(heatmap.rows.map((r: any) => r.layer.name)).toEqual(['stage1', 'stage2']);
    expect(heatmap.rows[1].values).toEqual([-1, -11, -21]);
    const decoded = new Float32Array(Uint8Array.from(Buffer.from(heatmap.matrix.data, 'base64')).buffer);
    expect([...decoded]).toEqual([0, -10, -20, -1, -11, -21]);
  });

  it('compares models aligned by relative depth, with deltas and group agreement', async () => {
    const ids = [seeded.models[0], seeded.models[1]].map((m) => toGlobalId('Model', m.id));
    const result = await api.execute(
      'query($ids: [ID!]!) { compareModels(ids: $ids, statistic: MEAN_LOG_DENSITY) { models { name } depths { relativeDepth entries { layer { name } mean delta groupAgreement values cka ckaUnavailable } } } }',
      { ids },
    );
    expect(result.errors).toBeUndefined();
    const { depths } = result.data!.compareModels;
    expect(depths.map((d: any) => d.relativeDepth)).toEqual([0.5, 1]);
    const [base, other] = depths[0].entries;
    expect(base).toMatchObject({ layer: { name: 'stage1' }, mean: -10, delta: 0, groupAgreement: null });
    expect(other.delta).toBeCloseTo(-0.01, 10);
    expect(other.groupAgreement).toBe(1);
    // The seeded activations are placeholder bytes: the CKA cell is empty and says why, the rest of the comparison stands.
    expect(base).toMatchObject({ cka: null, ckaUnavailable: null });
    expect(other.cka).toBeNull();
    expect(other.ckaUnavailable).toMatch(/activations of layer "stage1" of model "model-000"/);
    const bad = await api.execute('query($ids: [ID!]!) { compareModels(ids: $ids, statistic: MEAN_LOG_DENSITY) { statistic } }', { ids: [ids[0]] });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
  });

  it('reports the backend and database engine', async () => {
    const result = await api.execute('{ backend { name dbEngine requested adapter { vendor } } }');
    expect(result.data!.backend).toMatchObject({ dbEngine: engine.name, requested: 'cpu', adapter: null });
  });

  it('issues a fixed number of statements for models → layers → class fits, however many models', async () => {
    const query = `query($n: Int!) { models(first: $n) { nodes { name architecture { name } status latestFitRun { status }
      layers { nodes { name classFits { nodes { label meanLogDensity group class { name } } } groupSplit { threshold } } } } } }`;
    const counts: number[] = [];
    for (const n of [1, 3, 6]) {
      api.queries.reset();
      const result = await api.execute(query, { n });
      expect(result.errors).toBeUndefined();
      expect(result.data!.models.nodes).toHaveLength(n);
      expect(result.data!.models.nodes.at(-1).layers.nodes[1].classFits.nodes).toHaveLength(3);
      counts.push(api.queries.count);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    expect(counts[0]).toBeLessThanOrEqual(12);
  });
});

// The adapter travels from core's BackendInfo to the API unchanged; the adapter below is what Dawn reports for lavapipe.
describe('GraphQL backend on webgpu', () => {
  it('reports the adapter the webgpu backend runs on', async () => {
    const adapter = describeAdapter({ info: { vendor: 'mesa', architecture: 'software', device: 'llvmpipe-llvm-15-0-6-256-bits-', description: 'llvmpipe: Mesa 25.0.7', isFallbackAdapter: true } });
    const info: BackendInfo = { name: 'webgpu', requested: 'webgpu', fellBackFrom: [], adapter };
    const api = await openTestApi(apiTestEngines()[0], { backend: () => info });
    try {
      const result = await api.execute('{ backend { name requested adapter { vendor architecture device description software } } }');
      expect(result.errors).toBeUndefined();
      expect(result.data!.backend).toEqual({ name: 'webgpu', requested: 'webgpu', adapter: { ...adapter } });
    } finally {
      await api.close();
    }
  });
});
