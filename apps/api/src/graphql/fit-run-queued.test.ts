/**
 * `Subscription.fitRunQueued`: every run queued after the subscription starts, and only those of projects the caller
 * may read (a viewer of alpha never hears of beta's runs).
 */
import { enqueueRun } from '@classfit/db';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../services/views/global-id.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';
import { createIdentities, type TestIdentity } from '../testing/identities.ts';
import { buildClassfitSchema } from './schema.ts';

type Event = ExecutionResult<{ fitRunQueued: { id: string; model: { name: string } } }>;

describe.each(apiTestEngines())('fitRunQueued on $name', (engine) => {
  let api: TestApi;
  let alpha: Seeded;
  let beta: Seeded;
  let ids: Record<'viewer' | 'root', TestIdentity>;

  beforeAll(async () => {
    api = await openTestApi(engine);
    alpha = await seedAnalysedModels(api.app, 1, { project: 'alpha', prefix: 'a-' });
    beta = await seedAnalysedModels(api.app, 1, { project: 'beta', prefix: 'b-', dataset: 'beta-data', architectures: ['beta-net18', 'beta-net50'] });
    ids = await createIdentities(api.app.db, {
      viewer: { login: 'vera', grants: [{ role: 'viewer', project: 'alpha' }] },
      root: { login: 'root', grants: [{ role: 'admin' }] },
    });
  });
  afterAll(() => api?.close());

  async function open(who: 'viewer' | 'root'): Promise<AsyncGenerator<Event>> {
    const result = await subscribe({
      schema: buildClassfitSchema(),
      document: parse('subscription { fitRunQueued { id model { name } } }'),
      contextValue: { ...api.newContext(ids[who].caller), progressPollMs: 20 },
    });
    if (!(Symbol.asyncIterator in result)) throw new Error(JSON.stringify(result.errors));
    return result as AsyncGenerator<Event>;
  }

  it('delivers runs queued later, in order, and only from readable projects', async () => {
    const before = await enqueueRun(api.app.db, { modelId: alpha.models[0].id, configKey: 'before', config: {}, seed: 1 });
    const [viewer, root] = [await open('viewer'), await open('root')];
    const next = (stream: AsyncGenerator<Event>) => stream.next().then((r) => r.value as Event);
    const viewerFirst = next(viewer);
    const rootFirst = next(root);
    const hidden = await enqueueRun(api.app.db, { modelId: beta.models[0].id, configKey: 'beta-new', config: {}, seed: 1 });
    const shown = await enqueueRun(api.app.db, { modelId: alpha.models[0].id, configKey: 'alpha-new', config: {}, seed: 1 });
    const seenByViewer = await viewerFirst;
    expect(seenByViewer.errors).toBeUndefined();
    expect(seenByViewer.data!.fitRunQueued).toEqual({ id: toGlobalId('FitRun', shown.run.id), model: { name: 'a-000' } });
    expect((await rootFirst).data!.fitRunQueued.id).toBe(toGlobalId('FitRun', hidden.run.id));
    expect((await next(root)).data!.fitRunQueued.id).toBe(toGlobalId('FitRun', shown.run.id));
    expect([hidden.run.id, shown.run.id]).not.toContain(before.run.id);
    await Promise.all([viewer.return(undefined), root.return(undefined)]);
  });
});

describe('stoppable watches', () => {
  it('stop polling as soon as the subscriber leaves, not at the next event', async () => {
    const { stoppable } = await import('../services/views/run-watch.ts');
    let polls = 0;
    const stream = stoppable(async function* (signal) {
      while (!signal.aborted) {
        polls++;
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, 10_000);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve(undefined)), { once: true });
        });
      }
      yield 'never';
    });
    const pending = stream.next();
    await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    await stream.return!(undefined);
    expect(Date.now() - started).toBeLessThan(5_000); // not the 10-s poll interval
    expect(polls).toBe(1);
    await pending;
  });
});
