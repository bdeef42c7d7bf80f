import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableCounts } from '@classfit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyAuthorsFolder as writeAuthorsFolder } from '../testing/authors-fixture.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';
import { toGlobalId } from '../services/views/global-id.ts';
import { requestAnalysis } from '../services/analyze-model.ts';
import { analysisOptionsFrom } from '../cli/commands/analyze.ts';

const IMPORT = `mutation($input: ImportModelInput!) { importModel(input: $input) {
  clientMutationId model { name layerCount architecture { name } tags } warnings userErrors { field message code } } }`;
const START = `mutation($input: StartAnalysisInput!) { startAnalysis(input: $input) { fitRun { id status config model { name } } userErrors { field message code } } }`;
const CANCEL = `mutation($input: CancelFitRunInput!) { cancelFitRun(input: $input) { fitRun { status } userErrors { field message code } } }`;

describe.each(apiTestEngines())('GraphQL mutations on $name', (engine) => {
  let api: TestApi;
  let seeded: Seeded;
  let root: string;

  beforeAll(async () => {
    api = await openTestApi(engine);
    seeded = await seedAnalysedModels(api.app, 1);
    root = await mkdtemp(join(tmpdir(), 'classfit-mutations-'));
  });
  afterAll(async () => {
    await api?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('imports a model from a folder in the authors layout', async () => {
    const path = await writeAuthorsFolder(root, 'good');
    const result = await api.execute(IMPORT, { input: { path, name: 'imported', architecture: 'resnet34', tags: ['new'], clientMutationId: 'c1' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.importModel).toMatchObject({
      clientMutationId: 'c1',
      model: { name: 'imported', layerCount: 2, architecture: { name: 'resnet34' }, tags: ['new'] },
      userErrors: [],
    });
  });

  it('reports every import problem as userErrors and stores nothing', async () => {
    const before = await tableCounts(api.app.db);
    const missing = await api.execute(IMPORT, { input: { path: join(root, 'nowhere'), name: 'ghost' } });
    expect(missing.errors).toBeUndefined();
    expect(missing.data!.importModel.model).toBeNull();
    expect(missing.data!.importModel.userErrors.length).toBeGreaterThan(0);
    expect(missing.data!.importModel.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
    const path = await writeAuthorsFolder(root, 'bad', { badSecondLayer: true });
    const bad = await api.execute(IMPORT, { input: { path, name: 'bad', accuracy: 3 } });
    const fields = bad.data!.importModel.userErrors.map((e: any) => e.field.join('.'));
    expect(fields).toContain('input.accuracy');
    expect(bad.data!.importModel.userErrors.length).toBeGreaterThanOrEqual(2);
    expect(await tableCounts(api.app.db)).toEqual(before);
  });

  it('startAnalysis(iterations: 100) and `classfit analyze --iterations 100` take the one burn-in rule and are the same run', async () => {
    const modelId = toGlobalId('Model', seeded.models[0].id);
    const viaGraphql = await api.execute(START, { input: { modelId, iterations: 100 } });
    expect(viaGraphql.data!.startAnalysis.userErrors).toEqual([]);
    expect(viaGraphql.data!.startAnalysis.fitRun.config).toMatchObject({ iterations: 100, burnIn: 80, thin: 4, chains: 2 });
    const viaCli = await requestAnalysis(api.app, seeded.models[0].id, analysisOptionsFrom({ iterations: '100' }));
    expect(viaCli.created).toBe(false);
    expect(toGlobalId('FitRun', viaCli.run.id)).toBe(viaGraphql.data!.startAnalysis.fitRun.id);
    // 400 sweeps keep the paper's burn-in 320 either way; a burn-in at or past the sweeps is rejected by both
    const paper = await api.execute(START, { input: { modelId, iterations: 400 } });
    expect(paper.data!.startAnalysis.fitRun.config).toMatchObject({ burnIn: 320 });
    const bad = await api.execute(START, { input: { modelId, iterations: 100, burnIn: 100 } });
    expect(bad.data!.startAnalysis.userErrors[0]).toMatchObject({ field: ['input', 'burnIn'], message: expect.stringContaining('must be < iterations (100)') });
    expect(() => analysisOptionsFrom({ iterations: '100', 'burn-in': '100' })).toThrow('--burn-in: must be < iterations (100), got 100');
    // the run's configuration lists the registry's analyses and which it does
    const id = viaGraphql.data!.startAnalysis.fitRun.id;
    const listed = await api.execute(`query($id: ID!) { node(id: $id) { ... on FitRun { analyses { name level needs tables enabled } } } }`, { id });
    const analyses = listed.data!.node.analyses;
    expect(analyses.map((a: any) => a.name).slice(0, 3)).toEqual(['fit', 'own-densities', 'groups']);
    expect(analyses.find((a: any) => a.name === 'kl')).toMatchObject({ level: 'LAYER', tables: ['kl_matrices'], enabled: true });
    expect(analyses.find((a: any) => a.name === 'between-chains').needs).toEqual(['own-densities', 'groups', 'relative-entropy']);
  });

  it('queues an analysis at once, idempotently, and validates its options', async () => {
    const modelId = toGlobalId('Model', seeded.models[0].id);
    const input = { modelId, iterations: 6, burnIn: 2, thin: 2, seed: 0, clientMutationId: 'x' };
    const first = await api.execute(START, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data!.startAnalysis.fitRun).toMatchObject({ status: 'QUEUED', model: { name: 'model-000' } });
    expect(first.data!.startAnalysis.fitRun.config).toMatchObject({ iterations: 6, burnIn: 2 });
    const again = await api.execute(START, { input });
    expect(again.data!.startAnalysis.fitRun.id).toBe(first.data!.startAnalysis.fitRun.id);
    const bad = await api.execute(START, { input: { modelId, iterations: 5, burnIn: 9 } });
    expect(bad.data!.startAnalysis).toMatchObject({ fitRun: null, userErrors: [{ field: ['input', 'burnIn'], code: 'BAD_USER_INPUT' }] });
    const unknown = await api.execute(START, { input: { modelId: toGlobalId('Model', 987654) } });
    expect(unknown.data!.startAnalysis.userErrors[0].code).toBe('NOT_FOUND');
    const layers = await api.execute(START, { input: { modelId, layers: ['no-such-layer'] } });
    expect(layers.data!.startAnalysis.userErrors[0]).toMatchObject({ field: ['input', 'layers'], code: 'BAD_USER_INPUT' });

    const cancelled = await api.execute(CANCEL, { input: { fitRunId: first.data!.startAnalysis.fitRun.id } });
    expect(cancelled.data!.cancelFitRun).toMatchObject({ fitRun: { status: 'CANCELLED' }, userErrors: [] });
    const finished = await api.execute(CANCEL, { input: { fitRunId: toGlobalId('FitRun', seeded.runs.get(seeded.models[0].id)!.id) } });
    expect(finished.data!.cancelFitRun).toMatchObject({ fitRun: null, userErrors: [{ code: 'CONFLICT' }] });
    const nothing = await api.execute(CANCEL, { input: { fitRunId: toGlobalId('FitRun', 55555) } });
    expect(nothing.data!.cancelFitRun.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('adds and removes tags, rejecting malformed ones', async () => {
    const modelId = toGlobalId('Model', seeded.models[0].id);
    const tag = `mutation($input: TagModelInput!) { tagModel(input: $input) { model { tags } userErrors { field code } } }`;
    const result = await api.execute(tag, { input: { modelId, add: ['baseline', 'paper'], remove: ['even'] } });
    expect(result.data!.tagModel).toMatchObject({ model: { tags: ['baseline', 'paper', 'seeded'] }, userErrors: [] });
    const bad = await api.execute(tag, { input: { modelId, add: ['has space'] } });
    expect(bad.data!.tagModel).toMatchObject({ model: null, userErrors: [{ field: ['input', 'add'], code: 'BAD_USER_INPUT' }] });
  });
});

describe('unexpected errors', () => {
  it('are masked in the response and logged on the server', async () => {
    const [engine] = apiTestEngines();
    const api = await openTestApi(engine, {
      jobs: {
        startAnalysis: () => Promise.reject(new Error('relation "fit_runs" does not exist: SELECT * FROM secret_table')),
        cancel: () => Promise.reject(new Error('unused')),
      },
    });
    try {
      const seeded = await seedAnalysedModels(api.app, 1);
      const result = await api.execute(START, { input: { modelId: toGlobalId('Model', seeded.models[0].id) } });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].message).toBe('Internal server error');
      expect(result.errors![0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(JSON.stringify(result)).not.toMatch(/secret_table|SELECT|stack/i);
      expect(api.logged).toHaveLength(1);
      expect(String((api.logged[0] as Error).message)).toMatch(/secret_table/);
    } finally {
      await api.close();
    }
  });
});
