/**
 * Authorization, table-driven over the printed schema (`apps/api/schema.graphql`):
 * - every root field but `viewer` answers the anonymous caller UNAUTHENTICATED (arguments made up from the types);
 * - every mutation, as anonymous → UNAUTHENTICATED, as a role below the one it needs → FORBIDDEN, at or above it
 *   → done (no error, no userErrors); a mutation without a row in {@link MUTATIONS} fails the test;
 * - a viewer of project alpha sees nothing of project beta: listings, node(id:), look-ups by id, nested
 *   arguments, fitted-density queries, comparisons, the subscription — and cannot touch beta's objects.
 * The callers are real users with real tokens (testing/identities.ts). Exports and the HTTP/WebSocket transport
 * are tested in server/access.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enqueueRun, getModel, tableCounts } from '@classfit/db';
import {
  buildSchema, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, parse, subscribe,
  type GraphQLArgument, type GraphQLError, type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, OPEN_OWNER, type Caller } from '../services/auth/caller.ts';
import { ForbiddenError } from '../services/errors.ts';
import { toGlobalId } from '../services/views/global-id.ts';
import { authorizeProjectByName } from '../services/views/read-scope.ts';
import { writeTinyAuthorsFolder } from '../testing/authors-fixture.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';
import { createIdentities, type TestIdentity } from '../testing/identities.ts';
import { uploadFolder } from '../testing/upload-fixture.ts';
import { formatGraphQLError } from './errors.ts';
import { printedSchemaPath } from './printed-schema.ts';
import { buildClassfitSchema } from './schema.ts';
import { PUBLIC_ROOT_FIELDS } from './root-guard.ts';

const printed: GraphQLSchema = buildSchema(readFileSync(printedSchemaPath, 'utf8'));

/** A value of `type` that passes variable coercion: required input fields filled, one-element lists. */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => [f.name, sampleValue(f.type)]));
  }
  if (isScalarType(type)) return { Int: 1, Float: 1, Boolean: true, DateTime: '2024-01-01T00:00:00Z', JSON: {} }[type.name] ?? 'x';
  throw new Error(`no sample for ${String(type)}`);
}

/** An operation calling `field` of `root` with made-up required arguments, selecting `__typename` of objects. */
function operationFor(kind: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>) {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) && a.defaultValue === undefined);
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isScalarType(getNullableType(field.type)) || isEnumType(getNullableType(field.type)) ? '' : '{ __typename }';
  const query = `${kind}${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection} }`;
  return { query, variables: Object.fromEntries(args.map((a) => [a.name, sampleValue(a.type)])) };
}

const rootFields = (kind: 'Query' | 'Mutation' | 'Subscription') => {
  const type = kind === 'Query' ? printed.getQueryType() : kind === 'Mutation' ? printed.getMutationType() : printed.getSubscriptionType();
  return Object.values(type!.getFields());
};

type Who = 'viewer' | 'editor' | 'admin' | 'root';
/** Roles in order: viewer/editor/admin of project alpha, then admin of every project. */
const LADDER: readonly Who[] = ['viewer', 'editor', 'admin', 'root'];

interface Fixture {
  readonly api: TestApi;
  readonly alpha: Seeded;
  readonly beta: Seeded;
  readonly root: string;
}

/** One way of calling a mutation: the weakest caller allowed, and a fresh input per call (so every allowed call can succeed). */
interface MutationCase {
  readonly label: string;
  readonly needs: Who;
  input(f: Fixture, who: string, caller: Caller): Promise<Record<string, unknown>>;
}

/** Every mutation of the schema, each with one case per form of its input. */
const MUTATIONS: Record<string, readonly MutationCase[]> = {
  importModel: [
    {
      label: 'from a server path',
      needs: 'root', // a server path reads the server's disk: admins of every project only
      input: async (f, who) => ({ path: await writeTinyAuthorsFolder(f.root, `import-${who}`), name: `imported-by-${who}`, project: 'alpha' }),
    },
    {
      label: 'from an upload',
      needs: 'editor',
      // The caller's own upload (callers who may not upload get one of the owner's: they are refused before it is read).
      input: async (f, who, caller) => {
        const folder = await writeTinyAuthorsFolder(f.root, `upload-${who}`);
        const owner = caller.kind === 'user' && LADDER.indexOf(who as Who) >= LADDER.indexOf('editor') ? caller : OPEN_OWNER;
        return { uploadId: await uploadFolder(f.api.app, owner, folder), name: `uploaded-by-${who}`, project: 'alpha' };
      },
    },
  ],
  startAnalysis: [{
    label: 'of a model',
    needs: 'editor',
    input: async (f, who) => ({ modelId: toGlobalId('Model', f.alpha.models[0].id), iterations: 6, burnIn: 2, thin: 2, seed: who.length * 1000 + who.charCodeAt(0) }),
  }],
  cancelFitRun: [{
    label: 'of a queued run',
    needs: 'editor',
    input: async (f, who) => {
      const { run } = await enqueueRun(f.api.app.db, { modelId: f.alpha.models[0].id, configKey: `cancel-${who}`, config: { iterations: 6, burnIn: 2, thin: 2, seed: 1 }, seed: 1 });
      return { fitRunId: toGlobalId('FitRun', run.id) };
    },
  }],
  tagModel: [{
    label: 'of a model',
    needs: 'editor',
    input: async (f, who) => ({ modelId: toGlobalId('Model', f.alpha.models[0].id), add: [`by-${who}`] }),
  }],
};

/** The input type name of a mutation's `input` argument. */
const inputTypeOf = (field: GraphQLField<unknown, unknown>) => String(field.args.find((a) => a.name === 'input')!.type);

describe.each(apiTestEngines())('authorization on $name', (engine) => {
  let fixture: Fixture;
  let api: TestApi;
  let ids: Record<Who, TestIdentity>;

  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), 'classfit-authz-'));
    api = await openTestApi(engine, { importRoots: [root] });
    const alpha = await seedAnalysedModels(api.app, 2, { project: 'alpha', prefix: 'a-', tag: 'alpha-tag' });
    const beta = await seedAnalysedModels(api.app, 2, { project: 'beta', prefix: 'b-', dataset: 'beta-data', architectures: ['beta-net18', 'beta-net50'], tag: 'beta-secret' });
    fixture = { api, alpha, beta, root };
    ids = await createIdentities(api.app.db, {
      viewer: { login: 'vera', grants: [{ role: 'viewer', project: 'alpha' }] },
      editor: { login: 'ed', grants: [{ role: 'editor', project: 'alpha' }] },
      admin: { login: 'ada', grants: [{ role: 'admin', project: 'alpha' }] },
      root: { login: 'root', grants: [{ role: 'admin' }] },
    });
  });
  afterAll(async () => {
    await api?.close();
    if (fixture) await rm(fixture.root, { recursive: true, force: true });
  });

  const codeOf = (result: { errors?: readonly any[] }) => result.errors?.[0]?.extensions?.code;

  it('reads the printed schema: four mutations, one subscription, and a table row for every mutation', () => {
    const names = rootFields('Mutation').map((f) => f.name);
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(rootFields('Subscription').length).toBeGreaterThanOrEqual(1);
    expect(names.filter((name) => !MUTATIONS[name]?.length), 'mutations with no authorization case').toEqual([]);
    expect([...PUBLIC_ROOT_FIELDS]).toEqual(['Query.viewer']);
  });

  it('answers every query field but viewer UNAUTHENTICATED for the anonymous caller, saying how to sign in', async () => {
    const fields = rootFields('Query').filter((f) => !PUBLIC_ROOT_FIELDS.has(`Query.${f.name}`));
    expect(fields.length).toBeGreaterThan(15);
    for (const field of fields) {
      const { query, variables } = operationFor('query', field);
      const result = await api.execute(query, variables, ANONYMOUS);
      expect(codeOf(result), `${field.name}: ${JSON.stringify(result.errors)}`).toBe('UNAUTHENTICATED');
      expect(result.errors![0].message).toMatch(new RegExp(`^${field.name} needs a signed-in caller: send "Authorization: Bearer <token>"`));
    }
    const viewer = await api.execute('{ viewer { kind login role projects { role } access { mode } } }', {}, ANONYMOUS);
    expect(viewer).toEqual({ data: { viewer: { kind: 'ANONYMOUS', login: null, role: null, projects: [], access: { mode: 'TOKENS' } } } });
  });

  it('answers every subscription UNAUTHENTICATED for the anonymous caller', async () => {
    const schema = buildClassfitSchema();
    for (const field of rootFields('Subscription')) {
      const { query, variables } = operationFor('subscription', field);
      const result = await subscribe({ schema, document: parse(query), variableValues: variables, contextValue: api.newContext(ANONYMOUS) });
      expect(Symbol.asyncIterator in result, field.name).toBe(false);
      const errors = (result as { errors: readonly GraphQLError[] }).errors;
      expect(formatGraphQLError(errors[0], () => {}).extensions?.code, field.name).toBe('UNAUTHENTICATED');
    }
  });

  const cases = rootFields('Mutation').flatMap((field) => (MUTATIONS[field.name] ?? []).map((c) => [`${field.name} ${c.label}`, field, c] as const));
  describe.each(cases)('mutation %s', (_title, field, mutation) => {
    const name = field.name;
    const run = async (caller: Caller, who: string) => {
      const input = await mutation.input(fixture, who, caller);
      return api.execute(`mutation($input: ${inputTypeOf(field)}) { ${name}(input: $input) { __typename userErrors { code message } } }`, { input }, caller);
    };

    it('anonymous → UNAUTHENTICATED, roles below the one needed → FORBIDDEN naming it, the rest → done', async () => {
      const before = await tableCounts(api.app.db);
      const anonymous = await run(ANONYMOUS, 'anonymous');
      expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
      expect(anonymous.data).toBeNull();
      const needs = mutation.needs;
      for (const who of LADDER) {
        const result = await run(ids[who].caller, who);
        if (LADDER.indexOf(who) < LADDER.indexOf(needs)) {
          expect(codeOf(result), `${who}: ${JSON.stringify(result)}`).toBe('FORBIDDEN');
          expect(result.errors![0].message).toMatch(new RegExp(`needs the ${needs === 'root' ? 'admin' : needs} role in (project "alpha"|every project); ${ids[who].login} has`));
        } else {
          expect(result.errors, `${who}: ${JSON.stringify(result.errors)}`).toBeUndefined();
          expect(result.data![name].userErrors, who).toEqual([]);
        }
      }
      // Refused calls stored nothing: the only new rows are the allowed calls'.
      const allowed = LADDER.length - LADDER.indexOf(needs);
      if (name === 'tagModel') expect((await getModel(api.app.db, fixture.alpha.models[0].id))!.tags.filter((t) => t.startsWith('by-')).sort()).toEqual(LADDER.slice(LADDER.indexOf(needs)).map((w) => `by-${w}`).sort());
      if (name === 'importModel') expect((await tableCounts(api.app.db)).models).toBe(before.models + allowed);
    });
  });

  it('lets no one act on objects of a project they cannot read: NOT_FOUND, as for an unknown id, and nothing changes', async () => {
    const betaModel = toGlobalId('Model', fixture.beta.models[0].id);
    const betaRun = await enqueueRun(api.app.db, { modelId: fixture.beta.models[0].id, configKey: 'beta-queued', config: { iterations: 6, burnIn: 2, thin: 2, seed: 1 }, seed: 1 });
    const before = await tableCounts(api.app.db);
    const calls = [
      ['startAnalysis', 'StartAnalysisInput!', { modelId: betaModel }],
      ['cancelFitRun', 'CancelFitRunInput!', { fitRunId: toGlobalId('FitRun', betaRun.run.id) }],
      ['tagModel', 'TagModelInput!', { modelId: betaModel, add: ['pwned'] }],
    ] as const;
    for (const [name, type, input] of calls) {
      const result = await api.execute(`mutation($input: ${type}) { ${name}(input: $input) { userErrors { code message } } }`, { input }, ids.admin.caller);
      expect(result.data![name].userErrors, name).toMatchObject([{ code: 'NOT_FOUND' }]);
      expect(result.data![name].userErrors[0].message).not.toMatch(/b-000|beta/);
    }
    expect(await tableCounts(api.app.db)).toEqual(before);
    expect((await getModel(api.app.db, fixture.beta.models[0].id))!.tags).not.toContain('pwned');
    const still = await api.execute(`query($id: ID!) { fitRun(id: $id) { status } }`, { id: toGlobalId('FitRun', betaRun.run.id) }, ids.root.caller);
    expect(still.data!.fitRun.status).toBe('QUEUED');
  });

  it('shows a viewer of alpha nothing of beta in any listing, while the owner sees both', async () => {
    const LISTINGS = `{
      projects { totalCount nodes { name } }
      datasets { totalCount nodes { name } }
      architectures { totalCount nodes { name modelCount } }
      models(first: 100) { totalCount nodes { name } }
      tags { name modelCount }
      fitRuns(first: 100) { totalCount nodes { model { name } } }
    }`;
    const mine = await api.execute(LISTINGS, {}, ids.viewer.caller);
    const all = await api.execute(LISTINGS, {}, ids.root.caller);
    expect(mine.errors).toBeUndefined();
    expect(all.data!.projects.nodes.map((p: any) => p.name).sort()).toEqual(['alpha', 'beta']);
    expect(JSON.stringify(all.data)).toMatch(/beta-data.*beta-net18|beta-secret/s);
    expect(JSON.stringify(mine.data)).not.toMatch(/beta|b-00/);
    expect(mine.data!.projects).toEqual({ totalCount: 1, nodes: [{ name: 'alpha' }] });
    // alpha: the two seeded models (toy3; resnet18, resnet50) and the four imported above (cifar100, resnet18).
    expect(mine.data!.models.nodes.map((m: any) => m.name).sort()).toEqual(['a-000', 'a-001', 'imported-by-root', 'uploaded-by-admin', 'uploaded-by-editor', 'uploaded-by-root']);
    expect(mine.data!.models.totalCount).toBe(6);
    expect(mine.data!.datasets.nodes.map((d: any) => d.name).sort()).toEqual(['cifar100', 'toy3']);
    expect(mine.data!.datasets.totalCount).toBe(2);
    expect(mine.data!.architectures.nodes).toEqual([{ name: 'resnet18', modelCount: 5 }, { name: 'resnet50', modelCount: 1 }]);
    expect(all.data!.architectures.totalCount).toBe(4);
    expect(mine.data!.fitRuns.totalCount).toBe(mine.data!.fitRuns.nodes.length);
    expect(mine.data!.fitRuns.nodes.every((r: any) => !r.model.name.startsWith('b-'))).toBe(true);
  });

  it('resolves no id of beta for a viewer of alpha: node, nodes, look-ups, nested arguments, fitted density, comparison, similarity', async () => {
    const COLLECT = `{ models(first: 100, filter: { tag: { eq: "beta-secret" } }) { nodes {
      id project { id } dataset { id classes { nodes { id } } } architecture { id }
      fitRuns { nodes { id } } examples(first: 3) { nodes { id } }
      layers { nodes { id groupSplit { id } classFits { nodes { id } } } } } } }`;
    const collected = await api.execute(COLLECT, {}, ids.root.caller);
    expect(collected.errors).toBeUndefined();
    const betaIds = [...JSON.stringify(collected.data).matchAll(/"id":"([^"]+)"/g)].map((m) => m[1]);
    expect(betaIds.length).toBeGreaterThan(30);
    const asRoot = await api.execute('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: betaIds.slice(0, 100) }, ids.root.caller);
    expect(asRoot.data!.nodes.every((n: unknown) => n !== null)).toBe(true);
    for (let i = 0; i < betaIds.length; i += 100) {
      const seen = await api.execute('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: betaIds.slice(i, i + 100) }, ids.viewer.caller);
      expect(seen.data!.nodes.every((n: unknown) => n === null)).toBe(true);
    }
    for (const id of betaIds.slice(0, 20)) expect((await api.execute('query($id: ID!) { node(id: $id) { id } }', { id }, ids.viewer.caller)).data!.node).toBeNull();

    const betaModel = toGlobalId('Model', fixture.beta.models[0].id);
    const betaLayer = toGlobalId('Layer', fixture.beta.layers.get(fixture.beta.models[0].id)![0].id);
    const betaRun = toGlobalId('FitRun', fixture.beta.runs.get(fixture.beta.models[0].id)!.id);
    const alphaModel = toGlobalId('Model', fixture.alpha.models[0].id);
    const alphaLayer = toGlobalId('Layer', fixture.alpha.layers.get(fixture.alpha.models[0].id)![0].id);
    const collectedFits = collected.data!.models.nodes[0].layers.nodes[0].classFits.nodes as { id: string }[];
    const lookups: [string, Record<string, unknown>][] = [
      ['query($id: ID!) { model(id: $id) { name } }', { id: betaModel }],
      ['query($id: ID!) { layer(id: $id) { name } }', { id: betaLayer }],
      ['query($id: ID!) { fitRun(id: $id) { status } }', { id: betaRun }],
      ['query($id: ID!) { classFit(id: $id) { label } }', { id: collectedFits[0].id }],
      ['query($id: ID!) { sampleClass(classFitId: $id, n: 2) { rows } }', { id: collectedFits[0].id }],
      ['query($id: ID!) { logDensity(layerId: $id, points: { rows: [[0, 0, 0, 0]] }) { rows } }', { id: betaLayer }],
      ['query($id: ID!) { classify(layerId: $id, points: { rows: [[0, 0, 0, 0]] }) { labels } }', { id: betaLayer }],
      ['query($a: ID!, $b: ID!) { compareModels(ids: [$a, $b], statistic: MEAN_LOG_DENSITY) { models { name } } }', { a: alphaModel, b: betaModel }],
      ['query($a: ID!, $b: ID!) { crossModelSimilarity(a: $a, b: $b) { values } }', { a: alphaModel, b: betaModel }],
      ['query($a: ID!, $b: ID!) { crossModelSimilarity(a: $a, b: $b, measure: PROCRUSTES) { values } }', { a: betaModel, b: alphaModel }],
      ['query($a: ID!, $l: ID!) { layer(id: $a) { similarity(to: $l) { value } } }', { a: alphaLayer, l: betaLayer }],
      ['query($a: ID!, $run: ID!) { model(id: $a) { heatmap(statistic: MEAN_LOG_DENSITY, fitRun: $run) { labels } } }', { a: alphaModel, run: betaRun }],
      ['query($a: ID!, $l: ID!) { model(id: $a) { examples(first: 1) { nodes { logDensity(layer: $l) } } } }', { a: alphaModel, l: betaLayer }],
    ];
    for (const [query, variables] of lookups) {
      const asOwner = await api.execute(query, variables, ids.root.caller);
      const asViewer = await api.execute(query, variables, ids.viewer.caller);
      expect(codeOf(asViewer), query).toBe('NOT_FOUND');
      expect(codeOf(asOwner), `${query} as root: ${JSON.stringify(asOwner.errors)}`).not.toBe('NOT_FOUND');
      expect(JSON.stringify(asViewer)).not.toMatch(/b-00|beta/);
    }
    const runsOfBeta = await api.execute('query($m: ID!) { fitRuns(filter: { model: $m }) { totalCount } }', { m: betaModel }, ids.viewer.caller);
    expect(runsOfBeta.data!.fitRuns.totalCount).toBe(0);
  });

  it('refuses a subscription to a run of beta as NOT_FOUND and follows a run of alpha', async () => {
    const schema = buildClassfitSchema();
    const query = parse('subscription($id: ID!) { fitRunProgress(id: $id) { status } }');
    const betaRun = toGlobalId('FitRun', fixture.beta.runs.get(fixture.beta.models[0].id)!.id);
    const refused = await subscribe({ schema, document: query, variableValues: { id: betaRun }, contextValue: api.newContext(ids.viewer.caller) });
    expect(formatGraphQLError((refused as { errors: readonly GraphQLError[] }).errors[0], () => {}).extensions?.code).toBe('NOT_FOUND');
    const alphaRun = toGlobalId('FitRun', fixture.alpha.runs.get(fixture.alpha.models[0].id)!.id);
    const followed = await subscribe({ schema, document: query, variableValues: { id: alphaRun }, contextValue: api.newContext(ids.viewer.caller) });
    expect(Symbol.asyncIterator in followed).toBe(true);
    const first = await (followed as AsyncIterableIterator<{ data?: unknown }>).next();
    expect(first.value.data).toEqual({ fitRunProgress: { status: 'SUCCEEDED' } });
    await (followed as AsyncIterableIterator<unknown>).return?.();
  });

  it('lets an editor add to their project only; another or a new project needs the admin role in every project, same answer', async () => {
    const as = (who: Who, project: string) => authorizeProjectByName(api.newContext(ids[who].caller), project, 'editor', 'importModel');
    await expect(as('editor', 'alpha')).resolves.toBeUndefined();
    await expect(as('viewer', 'alpha')).rejects.toThrow('importModel needs the editor role in project "alpha"; vera has the viewer role there');
    const beta = await as('editor', 'beta').catch((e: unknown) => e);
    const fresh = await as('editor', 'brand-new').catch((e: unknown) => e);
    expect(beta).toBeInstanceOf(ForbiddenError);
    expect((beta as Error).message).toBe('importModel into project "beta" (new to you; creating a project) needs the admin role in every project; ed has no role there');
    expect((fresh as Error).message).toBe((beta as Error).message.replace('"beta"', '"brand-new"'));
    await expect(as('root', 'brand-new')).resolves.toBeUndefined();
    await expect(as('root', 'beta')).resolves.toBeUndefined();
  });

  it('tells each caller who they are, their roles and readable projects', async () => {
    const VIEWER = '{ viewer { kind login role projects { project { name } role } access { mode } } }';
    expect((await api.execute(VIEWER, {}, ids.viewer.caller)).data!.viewer).toEqual({
      kind: 'USER', login: 'vera', role: null, projects: [{ project: { name: 'alpha' }, role: 'VIEWER' }], access: { mode: 'TOKENS' },
    });
    expect((await api.execute(VIEWER, {}, ids.root.caller)).data!.viewer).toMatchObject({
      kind: 'USER', login: 'root', role: 'ADMIN', projects: [{ project: { name: 'alpha' }, role: 'ADMIN' }, { project: { name: 'beta' }, role: 'ADMIN' }],
    });
    const owner = await api.execute('{ viewer { kind login role access { mode description } } }');
    expect(owner.data!.viewer).toMatchObject({ kind: 'OWNER', login: null, role: 'ADMIN', access: { mode: 'OPEN' } });
  });
});
