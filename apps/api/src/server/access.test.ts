/**
 * Access over the wire: the bearer token on HTTP, graphql-ws `connectionParams`, and the CSV/JSON exports, on a
 * server with users (tokens required); and the start-up modes — open on loopback with no users (saying so, also
 * to the dashboard through `viewer.access`), refused beyond loopback or on PostgreSQL unless `insecureOpen`.
 */
import { enqueueRun } from '@classfit/db';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AccessRefusedError } from '../services/auth/access-policy.ts';
import { generateToken } from '../services/auth/api-token.ts';
import { createApiToken, revokeToken } from '../services/auth/manage-identity.ts';
import { toGlobalId } from '../services/views/global-id.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';
import { createIdentities, type TestIdentity } from '../testing/identities.ts';
import { startApiServer, type ApiServer } from './create-server.ts';

describe('a server with users requires tokens on every route', () => {
  let api: TestApi;
  let server: ApiServer;
  let base: string;
  let alpha: Seeded;
  let beta: Seeded;
  let ids: Record<'viewer' | 'root', TestIdentity>;

  beforeAll(async () => {
    api = await openTestApi(apiTestEngines()[0]);
    alpha = await seedAnalysedModels(api.app, 2, { project: 'alpha', prefix: 'a-' });
    beta = await seedAnalysedModels(api.app, 1, { project: 'beta', prefix: 'b-', dataset: 'beta-data', architectures: ['beta-net18', 'beta-net50'] });
    ids = await createIdentities(api.app.db, {
      viewer: { login: 'vera', grants: [{ role: 'viewer', project: 'alpha' }] },
      root: { login: 'root', grants: [{ role: 'admin' }] },
    });
    const lines: string[] = [];
    server = await startApiServer({ app: { ...api.app, log: (line) => lines.push(line) }, port: 0, progressPollMs: 20, logError: (e) => api.logged.push(e) });
    expect(lines).toContain('access: API tokens required (2 users; `classfit token create` makes one)');
    base = server.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  const post = (query: string, authorization?: string) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ query }) });

  it('HTTP: no token → UNAUTHENTICATED saying how to sign in; a bad token → 401 with the reason; a good one → its projects', async () => {
    const anonymous = await post('{ models { totalCount } }');
    expect(anonymous.status).toBe(200);
    const body = (await anonymous.json()) as { data: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeNull();
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/models needs a signed-in caller: send "Authorization: Bearer <token>"/) });
    expect(await (await post('{ viewer { kind access { mode } } }')).json()).toEqual({ data: { viewer: { kind: 'ANONYMOUS', access: { mode: 'TOKENS' } } } });

    const refusals: [string, RegExp][] = [
      ['Token abc', /must be "Bearer <token>"/],
      ['Bearer nope', /not a classfit API token/],
      [`Bearer ${generateToken().secret}`, /unknown API token/],
    ];
    const revoked = await createApiToken(api.app.db, { login: 'vera', name: 'old', expiresAt: null });
    await revokeToken(api.app.db, revoked.token.id);
    refusals.push([`Bearer ${revoked.secret}`, /"old" of vera\) was revoked/]);
    for (const [header, reason] of refusals) {
      const response = await post('{ viewer { kind } }', header);
      expect(response.status, header).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const refused = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(refused.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(refused.errors[0].message).toMatch(reason);
    }

    const mine = await post('{ viewer { login } models { totalCount nodes { name } } }', `Bearer ${ids.viewer.token}`);
    expect(await mine.json()).toEqual({ data: { viewer: { login: 'vera' }, models: { totalCount: 2, nodes: [{ name: 'a-001' }, { name: 'a-000' }] } } });
    const everything = (await (await post('{ models { totalCount } }', `Bearer ${ids.root.token}`)).json()) as { data: { models: { totalCount: number } } };
    expect(everything.data.models.totalCount).toBe(3);
  });

  it('exports: no token → 401; a viewer exports their projects only, and a layer of another project is 404 like an unknown one', async () => {
    const get = (path: string, token?: string) => fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    const anonymous = await get('/export/models.csv');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED', error: expect.stringMatching(/export \/export\/models\.csv needs a signed-in caller/) });
    expect((await get('/export/models.csv', 'cft_bad')).status).toBe(401);

    const models = (await (await get('/export/models.csv', ids.viewer.token)).text()).trim().split('\r\n');
    expect(models.slice(1).map((line) => line.split(',')[1]).sort()).toEqual(['a-000', 'a-001']);
    expect((await (await get('/export/models.json', ids.root.token)).json()) as unknown[]).toHaveLength(3);

    const alphaLayer = encodeURIComponent(toGlobalId('Layer', alpha.layers.get(alpha.models[0].id)![0].id));
    const betaLayer = encodeURIComponent(toGlobalId('Layer', beta.layers.get(beta.models[0].id)![0].id));
    const betaModel = encodeURIComponent(toGlobalId('Model', beta.models[0].id));
    expect((await get(`/export/class-fits.csv?layer=${alphaLayer}`, ids.viewer.token)).status).toBe(200);
    for (const path of [`/export/class-fits.csv?layer=${betaLayer}`, `/export/example-scores.json?layer=${betaLayer}`, `/export/group-splits.csv?model=${betaModel}`]) {
      const refused = await get(path, ids.viewer.token);
      expect(refused.status, path).toBe(404);
      expect(JSON.stringify(await refused.json())).not.toMatch(/b-000|beta/);
      expect((await get(path, ids.root.token)).status, path).toBe(200);
    }
  });

  it('graphql-ws: the token in connectionParams (authorization or token); none or a bad one → UNAUTHENTICATED; another project → NOT_FOUND', async () => {
    const clients: Client[] = [];
    const connect = (connectionParams?: Record<string, unknown>) => {
      const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams });
      clients.push(client);
      return client;
    };
    const first = (client: Client, runId: number) =>
      new Promise<{ data?: any; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>((resolve, reject) => {
        const stop = client.subscribe(
          { query: 'subscription($id: ID!) { fitRunProgress(id: $id) { status model { name } } }', variables: { id: toGlobalId('FitRun', runId) } },
          { next: (m) => (resolve(m), stop()), error: (e) => (Array.isArray(e) ? resolve({ errors: e }) : reject(e)), complete: () => resolve({}) },
        );
      });
    const alphaRun = alpha.runs.get(alpha.models[0].id)!.id;
    const betaRun = beta.runs.get(beta.models[0].id)!.id;
    try {
      const anonymous = await first(connect(), alphaRun);
      expect(anonymous.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/fitRunProgress needs a signed-in caller/) });
      const bad = await first(connect({ authorization: 'Bearer cft_nope' }), alphaRun);
      expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/not a classfit API token/) });

      // One client per subscription: a lazy client closes its socket once its last subscription stops.
      const viewer = () => connect({ authorization: `Bearer ${ids.viewer.token}` });
      expect(await first(viewer(), alphaRun)).toMatchObject({ data: { fitRunProgress: { status: 'SUCCEEDED', model: { name: 'a-000' } } } });
      const other = await first(viewer(), betaRun);
      expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      expect(JSON.stringify(other)).not.toMatch(/b-000/);
      expect(await first(connect({ token: ids.root.token }), betaRun)).toMatchObject({ data: { fitRunProgress: { model: { name: 'b-000' } } } });
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  it('mutations over HTTP: a viewer is FORBIDDEN, naming the role needed', async () => {
    const { run } = await enqueueRun(api.app.db, { modelId: alpha.models[0].id, configKey: 'queued-over-http', config: { iterations: 6, burnIn: 2, thin: 2, seed: 1 }, seed: 1 });
    const cancel = `mutation { cancelFitRun(input: { fitRunId: "${toGlobalId('FitRun', run.id)}" }) { fitRun { status } } }`;
    const refused = (await (await post(cancel, `Bearer ${ids.viewer.token}`)).json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(refused.errors[0]).toEqual({ message: 'cancelFitRun needs the editor role in project "alpha"; vera has the viewer role there', locations: expect.any(Array), path: ['cancelFitRun'], extensions: { code: 'FORBIDDEN' } });
    expect(await (await post(cancel, `Bearer ${ids.root.token}`)).json()).toEqual({ data: { cancelFitRun: { fitRun: { status: 'CANCELLED' } } } });
  });
});

describe.each(apiTestEngines())('start-up modes with no users on $name', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(engine);
    await seedAnalysedModels(api.app, 1);
  });
  afterAll(() => api?.close());

  const start = async (options: { host?: string; insecureOpen?: boolean }) => {
    const lines: string[] = [];
    const server = await startApiServer({ app: { ...api.app, log: (line) => lines.push(line) }, port: 0, ...options });
    return { server, lines };
  };

  if (engine.name === 'pglite') {
    it('runs open on loopback as the local owner, says so in one line, and tells the dashboard through viewer.access', async () => {
      const { server, lines } = await start({ host: '127.0.0.1' });
      try {
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^access: open — no users configured, so every caller on this machine \(127\.0\.0\.1\) is the local owner; `classfit user add` turns tokens on$/);
        expect(server.accessLine).toBe(lines[0]);
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ viewer { kind role access { mode description } } models { totalCount } }' }),
        });
        expect(await response.json()).toEqual({ data: { viewer: { kind: 'OWNER', role: 'ADMIN', access: { mode: 'OPEN', description: lines[0] } }, models: { totalCount: 1 } } });
      } finally {
        await server.stop();
      }
    });
  } else {
    it('refuses to start open on a shared PostgreSQL (DATABASE_URL) even on loopback', async () => {
      const refused = await start({ host: '127.0.0.1' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AccessRefusedError);
      expect((refused as Error).message).toMatch(/it uses a shared PostgreSQL \(DATABASE_URL\).*classfit user add.*--insecure-open/);
    });
  }

  it('refuses to start open bound beyond loopback, naming the way out, and nothing listens', async () => {
    const refused = await start({ host: '0.0.0.0' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AccessRefusedError);
    expect((refused as Error).message).toMatch(/^refusing to start open: no users are configured and it listens on 0\.0\.0\.0.*`classfit user add <login> --role admin`.*--insecure-open/);
  });

  it('starts open beyond loopback only with insecureOpen, saying it loudly', async () => {
    const { server, lines } = await start({ host: '0.0.0.0', insecureOpen: true });
    try {
      expect(lines[0]).toMatch(/^access: OPEN TO EVERYONE \(--insecure-open\): no users configured and it listens on 0\.0\.0\.0/);
      const response = await fetch(server.url.replace('0.0.0.0', '127.0.0.1'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ viewer { kind access { mode } } }' }) });
      expect(await response.json()).toEqual({ data: { viewer: { kind: 'OWNER', access: { mode: 'OPEN' } } } });
    } finally {
      await server.stop();
    }
  });
});
