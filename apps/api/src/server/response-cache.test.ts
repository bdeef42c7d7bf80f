/**
 * The response cache and the kept tokens over the wire: answers are reused only at the store version they were
 * computed at (a mutation here, a write by another process, a revoked token or a changed role all show at once),
 * and never across callers (a viewer of one project never gets what another caller was answered).
 */
import { grantRole, readDataVersion, revokeRole, updateModel } from '@classfit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, OPEN_OWNER, type UserCaller } from '../services/auth/caller.ts';
import { revokeToken } from '../services/auth/manage-identity.ts';
import { toGlobalId } from '../services/views/global-id.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';
import { createIdentities, type TestIdentity } from '../testing/identities.ts';
import { createResponseCache, responseCacheKey } from './response-cache.ts';
import { startApiServer, type ApiServer } from './create-server.ts';

const answer = (body: string) => ({ status: 200, headers: [['content-type', 'application/json']] as [string, string][], body });

describe('response cache', () => {
  it('keeps answers of the newest version only, least recently used out first when over its bytes', () => {
    const cache = createResponseCache({ maxBytes: 10, maxEntryBytes: 6 });
    cache.set('a', '5', answer('aaaa'));
    expect(cache.get('a', '5')?.body).toBe('aaaa');
    expect(cache.get('a', '6')).toBeUndefined();
    cache.set('b', '4', answer('bb'));
    expect(cache.get('b', '4')).toBeUndefined(); // an older version than one seen is not kept
    cache.set('b', '5', answer('bbbb'));
    cache.get('a', '5');
    cache.set('c', '5', answer('cccc')); // 12 bytes > 10: b (least recently used) goes
    expect([cache.get('a', '5')?.body, cache.get('b', '5'), cache.get('c', '5')?.body]).toEqual(['aaaa', undefined, 'cccc']);
    cache.set('big', '5', answer('1234567'));
    expect(cache.get('big', '5')).toBeUndefined();
    cache.set('a', '6', answer('new'));
    expect([cache.size, cache.get('c', '5'), cache.get('a', '6')?.body]).toEqual([1, undefined, 'new']);
  });

  it('lets the same request wait for the answer being computed, once, and not for one that ended without one', async () => {
    const cache = createResponseCache();
    expect(cache.pending('k', '1')).toBeUndefined();
    const done = cache.begin('k', '1');
    const waiting = cache.pending('k', '1');
    expect(cache.pending('k', '2')).toBeUndefined();
    done(answer('x'));
    done(undefined);
    expect((await waiting)?.body).toBe('x');
    expect(cache.pending('k', '1')).toBeUndefined();
    const failing = cache.begin('k', '1');
    const nothing = cache.pending('k', '1');
    failing(undefined);
    expect(await nothing).toBeUndefined();
  });

  it('keys by caller, roles, Accept header and request, and refuses what does not read stored data only', () => {
    const user = (projects: [number, 'viewer' | 'admin'][], userId = 1): UserCaller => ({ kind: 'user', userId, login: 'u', tokenId: 1, allProjects: null, projects: new Map(projects) });
    const body = { query: '{ models { totalCount } }' };
    const keys = [
      responseCacheKey(OPEN_OWNER, body, undefined),
      responseCacheKey(user([[1, 'viewer']]), body, undefined),
      responseCacheKey(user([[2, 'viewer']]), body, undefined),
      responseCacheKey(user([[1, 'admin']]), body, undefined),
      responseCacheKey(user([[1, 'viewer']], 2), body, undefined),
      responseCacheKey(user([[1, 'viewer']]), body, 'application/graphql-response+json'),
      responseCacheKey(user([[1, 'viewer']]), { ...body, variables: { a: 1 } }, undefined),
    ];
    expect(keys.every((k) => typeof k === 'string')).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(responseCacheKey(user([[1, 'viewer'], [2, 'admin']]), body, undefined)).toBe(responseCacheKey(user([[2, 'admin'], [1, 'viewer']]), body, undefined));
    for (const query of [
      'mutation { tagModel(input: { modelId: "x", add: ["t"] }) { model { id } } }',
      '{ viewer { kind } }',
      '{ models { totalCount } backend { name } }',
      'query { ...F } fragment F on Query { backend { name } }',
      '{ sampleClass(layerId: "x", label: 0, n: 1) { shape } }',
      'subscription { fitRunProgress(id: "x") { status } }',
      'query A { models { totalCount } } query B { tags { name } }',
      '{ models { totalCount ',
    ]) expect(responseCacheKey(OPEN_OWNER, { query }, undefined), query).toBeUndefined();
    expect(responseCacheKey(OPEN_OWNER, { ...body, extensions: { persistedQuery: {} } }, undefined)).toBeUndefined();
    expect(responseCacheKey(ANONYMOUS, body, undefined)).toBeUndefined();
    expect(responseCacheKey(OPEN_OWNER, 'text', undefined)).toBeUndefined();
    expect(responseCacheKey(OPEN_OWNER, { query: 'query { ...F } fragment F on Query { models { totalCount } }' }, undefined)).toBeTypeOf('string');
  });
});

describe('reused answers and tokens over HTTP', () => {
  let api: TestApi;
  let server: ApiServer;
  let alpha: Seeded;
  let beta: Seeded;
  let ids: Record<'viewer' | 'editor' | 'root', TestIdentity>;

  beforeAll(async () => {
    api = await openTestApi(apiTestEngines()[0]);
    alpha = await seedAnalysedModels(api.app, 2, { project: 'alpha', prefix: 'a-' });
    beta = await seedAnalysedModels(api.app, 1, { project: 'beta', prefix: 'b-', dataset: 'beta-data', architectures: ['beta-net18', 'beta-net50'] });
    ids = await createIdentities(api.app.db, {
      viewer: { login: 'vera', grants: [{ role: 'viewer', project: 'alpha' }] },
      editor: { login: 'eddy', grants: [{ role: 'editor', project: 'beta' }] },
      root: { login: 'root', grants: [{ role: 'admin' }] },
    });
    server = await startApiServer({ app: { ...api.app, log: () => {} }, port: 0, logError: (e) => api.logged.push(e) });
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  const post = async (who: TestIdentity, query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  };
  const MODELS = '{ models(first: 10) { totalCount nodes { name tags } } }';
  const MODEL = 'query($id: ID!) { model(id: $id) { name tags } }';

  it('answers a repeated query without running it, and a viewer of alpha never gets the answers given about beta', async () => {
    const betaModel = toGlobalId('Model', beta.models[0].id);
    const asRoot = await post(ids.root, MODELS);
    expect(asRoot.body.data.models.totalCount).toBe(3);
    expect((await post(ids.root, MODEL, { id: betaModel })).body.data.model.name).toBe('b-000');
    api.queries.reset();
    expect((await post(ids.root, MODELS)).body).toEqual(asRoot.body);
    expect((await post(ids.root, MODEL, { id: betaModel })).body.data.model.name).toBe('b-000');
    // One statement per request (the data version): no token look-up, no execution.
    expect(api.queries.count).toBe(2);

    // The same bodies from a viewer of alpha only: alpha's models, and beta's model is not found.
    const asViewer = await post(ids.viewer, MODELS);
    expect(asViewer.body.data.models.nodes.map((m: { name: string }) => m.name).sort()).toEqual(['a-000', 'a-001']);
    const hidden = await post(ids.viewer, MODEL, { id: betaModel });
    expect(hidden.body.data?.model ?? null).toBeNull();
    expect(JSON.stringify(hidden.body)).not.toContain('b-000');
    // … also once their own answers are kept.
    expect((await post(ids.viewer, MODELS)).body).toEqual(asViewer.body);
  });

  it('shows a mutation, and a write by another process, in the next answer', async () => {
    const model = toGlobalId('Model', beta.models[0].id);
    const before = (await post(ids.editor, MODEL, { id: model })).body.data.model.tags;
    expect((await post(ids.editor, MODEL, { id: model })).body.data.model.tags).toEqual(before);
    const tagged = await post(ids.editor, 'mutation($id: ID!) { tagModel(input: { modelId: $id, add: ["fresh"] }) { model { tags } } }', { id: model });
    expect(tagged.body.errors).toBeUndefined();
    expect((await post(ids.editor, MODEL, { id: model })).body.data.model.tags).toContain('fresh');
    // Another process (the CLI, a worker) writes straight to the store.
    await updateModel(api.app.db, beta.models[0].id, { tags: ['from-cli'] });
    expect((await post(ids.editor, MODEL, { id: model })).body.data.model.tags).toEqual(['from-cli']);
    expect((await post(ids.root, MODELS)).body.data.models.nodes.find((m: { name: string }) => m.name === 'b-000').tags).toEqual(['from-cli']);
  });

  it('takes a role granted or removed, and a token revoked, by another process into account at once', async () => {
    const model = toGlobalId('Model', beta.models[0].id);
    const vera = (await api.app.db.query.users.findFirst({ where: (u, { eq }) => eq(u.login, 'vera') }))!;
    const betaProject = beta.models[0].projectId;
    expect((await post(ids.viewer, MODEL, { id: model })).body.data?.model ?? null).toBeNull();
    await grantRole(api.app.db, vera.id, betaProject, 'viewer');
    expect((await post(ids.viewer, MODEL, { id: model })).body.data.model.name).toBe('b-000');
    await revokeRole(api.app.db, vera.id, betaProject);
    expect((await post(ids.viewer, MODEL, { id: model })).body.data?.model ?? null).toBeNull();

    const version = await readDataVersion(api.app.db);
    expect((await post(ids.viewer, MODELS)).status).toBe(200);
    const caller = ids.viewer.caller as UserCaller;
    await revokeToken(api.app.db, caller.tokenId);
    expect(await readDataVersion(api.app.db)).not.toBe(version);
    const refused = await post(ids.viewer, MODELS);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(alpha.models).toHaveLength(2);
  });
});
