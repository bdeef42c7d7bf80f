import { enqueueRun, finishRun, heartbeatRun, claimRun } from '@classfit/db';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { toGlobalId } from '../services/views/global-id.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';
import { startApiServer, type ApiServer } from './create-server.ts';

const ORIGIN = 'http://localhost:3000';

describe('API server over HTTP and WebSocket', () => {
  let api: TestApi;
  let seeded: Seeded;
  let server: ApiServer;
  let base: string;

  beforeAll(async () => {
    api = await openTestApi(apiTestEngines()[0]);
    seeded = await seedAnalysedModels(api.app, 2);
    server = await startApiServer({ app: api.app, port: 0, corsOrigins: [ORIGIN], progressPollMs: 20, logError: (e) => api.logged.push(e) });
    base = server.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it('reports health with the database engine', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, db: { engine: 'pglite', ok: true }, backend: { requested: 'cpu' } });
  });

  it('answers GraphQL POSTs with CORS for the dashboard origin only', async () => {
    const post = (origin: string) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ query: '{ models(first: 5) { totalCount } }' }) });
    const allowed = await post(ORIGIN);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await allowed.json()).toEqual({ data: { models: { totalCount: 2 } } });
    expect((await post('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(server.url, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('rejects malformed bodies and over-limit queries with 400', async () => {
    const malformed = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: backend { name }`).join(' ');
    const armored = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ ${aliases} }` }) });
    expect(armored.status).toBe(400);
    expect(JSON.stringify(await armored.json())).toMatch(/Aliases limit/);
  });

  it('exports the class fits of a layer as CSV and the example scores as JSON, unsampled', async () => {
    const layer = toGlobalId('Layer', seeded.layers.get(seeded.models[0].id)![0].id);
    const csv = await fetch(`${base}/export/class-fits.csv?layer=${encodeURIComponent(layer)}`, { headers: { origin: ORIGIN } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/class-fits\.csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,layer,label,n,meanLogDensity,sdLogDensity,relativeEntropy,relativeEntropySe,meanDistance,group,meanClusterCount,' +
        'chains,meanLogDensityChainSd,relativeEntropyChainSd,chainMeanLogDensities,chainRelativeEntropies,groupChainAgreement,logLikelihoodRHat,clusterCountRHat,' +
        'heldOutCount,heldOutInSampleMeanLogDensity,heldOutMeanLogDensity,heldOutGap',
    );
    expect(lines).toHaveLength(4);
    // The seeded rows have no held-out densities (as runs stored before them): empty cells, not 0.
    expect(lines[1].endsWith(',,,,')).toBe(true);
    expect(lines[1].split(',').slice(1, 5)).toEqual(['stage1', '0', '10', '0']);
    const json = await fetch(`${base}/export/example-scores.json?layer=${encodeURIComponent(layer)}`);
    const rows = (await json.json()) as { exampleIndex: number; label: number }[];
    expect(rows).toHaveLength(30);
    expect(rows.map((r) => r.exampleIndex)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    for (const table of ['models', 'genclass', 'density-bins', 'group-splits', 'kl-matrix']) {
      const param = table === 'models' ? '' : `?layer=${encodeURIComponent(layer)}`;
      const response = await fetch(`${base}/export/${table}.csv${param}`);
      expect(response.status, table).toBe(200);
      expect((await response.text()).trim().split('\r\n').length, table).toBeGreaterThan(1);
    }
  });

  it('answers bad export requests with 400/404 and a reason', async () => {
    expect((await fetch(`${base}/export/nope.csv`)).status).toBe(404);
    const missing = await fetch(`${base}/export/class-fits.csv`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'BAD_USER_INPUT', error: expect.stringMatching(/model/) });
    const unknown = await fetch(`${base}/export/example-scores.csv?layer=${encodeURIComponent(toGlobalId('Layer', 99999))}`);
    expect(unknown.status).toBe(404);
  });

  it('streams fit-run progress over graphql-ws until the run finishes', async () => {
    const model = seeded.models[1];
    const { run } = await enqueueRun(api.app.db, { modelId: model.id, configKey: 'ws-test', config: { burnIn: 0 }, seed: 1 });
    const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
    const seen: { status: string; progress: { sweep: number | null; fraction: number | null } | null }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe<{ fitRunProgress: (typeof seen)[number] }>(
        { query: 'subscription($id: ID!) { fitRunProgress(id: $id) { status progress { sweep fraction } } }', variables: { id: toGlobalId('FitRun', run.id) } },
        { next: (message) => (message.errors ? reject(new Error(JSON.stringify(message.errors))) : seen.push(message.data!.fitRunProgress)), error: reject, complete: resolve },
      );
    });
    const waitFor = async (predicate: () => boolean) => {
      for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
    };
    await waitFor(() => seen.length >= 1);
    await claimRun(api.app.db, 'w1', { runId: run.id });
    await heartbeatRun(api.app.db, run.id, 'w1', { phase: 'fit', layerIndex: 0, layerCount: 2, sweep: 5, totalSweeps: 10 });
    await waitFor(() => seen.some((s) => s.progress?.sweep === 5));
    await finishRun(api.app.db, run.id, { status: 'succeeded', progress: { phase: 'done' } });
    await done;
    await client.dispose();
    expect(seen[0].status).toBe('QUEUED');
    expect(seen.find((s) => s.progress?.sweep === 5)).toMatchObject({ status: 'RUNNING', progress: { fraction: 0.25 } });
    expect(seen.at(-1)).toMatchObject({ status: 'SUCCEEDED', progress: { fraction: 1 } });
  });

  it('rejects over-limit and unknown-run subscriptions over WebSocket with coded errors', async () => {
    const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
    const errorsOf = (query: string, variables: Record<string, unknown>) =>
      new Promise<readonly { message: string; extensions?: Record<string, unknown> }[]>((resolve, reject) => {
        client.subscribe({ query, variables }, { next: (m) => m.errors && resolve(m.errors), error: (e) => (Array.isArray(e) ? resolve(e) : reject(e)), complete: () => resolve([]) });
      });
    const unknown = await errorsOf('subscription($id: ID!) { fitRunProgress(id: $id) { status } }', { id: toGlobalId('FitRun', 424242) });
    expect(unknown[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: status`).join(' ');
    const tooMany = await errorsOf(`subscription($id: ID!) { fitRunProgress(id: $id) { ${aliases} } }`, { id: toGlobalId('FitRun', 1) });
    expect(tooMany[0].message).toMatch(/Aliases limit/);
    await client.dispose();
  });
});
