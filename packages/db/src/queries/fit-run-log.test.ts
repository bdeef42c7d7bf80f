import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client.ts';
import { RUN_LOG_LIMIT } from '../schema/index.ts';
import { testEngines } from '../testing/test-databases.ts';
import { upsertArchitecture, upsertDataset, upsertProject } from './catalog.ts';
import { claimRun, enqueueRun, finishRun, getRun, heartbeatRun, listRuns } from './fit-runs.ts';
import { InvalidCursorError } from './errors.ts';
import { insertModel } from './models.ts';

for (const engine of testEngines()) {
  describe(`fit-run log and ordering on ${engine.name}`, () => {
    let handle: DbHandle;
    let modelId: number;

    beforeAll(async () => {
      handle = await engine.open();
      const { db } = handle;
      const project = await upsertProject(db, 'default');
      const dataset = await upsertDataset(db, 'toy', 2);
      const arch = await upsertArchitecture(db, { name: 'plaincnn', family: 'plain', depth: 8 });
      modelId = (await insertModel(db, { projectId: project.id, name: 'm', architectureId: arch.id, datasetId: dataset.id })).id;
    });
    afterAll(async () => handle?.close());

    it(`keeps the last ${RUN_LOG_LIMIT} lines, appended by heartbeats and the finish`, async () => {
      const { db } = handle;
      const { run } = await enqueueRun(db, { modelId, configKey: 'log', config: {}, seed: 0 });
      expect((await getRun(db, run.id))!.log).toEqual([]);
      await claimRun(db, 'w1', { runId: run.id });
      const lines = Array.from({ length: 250 }, (_, i) => `line ${i}, with "quotes", {braces} and ünïcode`);
      for (let i = 0; i < lines.length; i += 50) await heartbeatRun(db, run.id, 'w1', undefined, lines.slice(i, i + 50));
      // Another worker's beat appends nothing.
      await heartbeatRun(db, run.id, 'w2', undefined, ['not mine']);
      const kept = (await getRun(db, run.id))!.log;
      expect(kept).toHaveLength(RUN_LOG_LIMIT);
      expect(kept).toEqual(lines.slice(-RUN_LOG_LIMIT));
      await finishRun(db, run.id, { status: 'succeeded', log: ['succeeded'] });
      const final = (await getRun(db, run.id))!.log;
      expect(final).toHaveLength(RUN_LOG_LIMIT);
      expect(final.at(-1)).toBe('succeeded');
      expect(final[0]).toBe(lines[51]);
    });

    it('lists runs by start time both ways, across pages, unstarted runs counting as earliest', async () => {
      const { db } = handle;
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await enqueueRun(db, { modelId, configKey: `order-${i}`, config: {}, seed: i })).run.id);
      // Start runs 3, 1, 4 in that order (same transaction-free clock, distinct start times).
      for (const i of [3, 1, 4]) await claimRun(db, 'w1', { runId: ids[i] });
      const collect = async (direction: 'asc' | 'desc') => {
        const seen: number[] = [];
        let after: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof listRuns>> = await listRuns(db, { first: 2, after, orderBy: { field: 'startedAt', direction }, statuses: ['queued', 'running'] });
          seen.push(...page.rows.map((r) => r.id));
          after = page.hasNextPage ? page.rows.at(-1)!.cursor : null;
        } while (after);
        return seen;
      };
      const desc = await collect('desc');
      expect(desc).toEqual([ids[4], ids[1], ids[3], ids[2], ids[0]]);
      expect(await collect('asc')).toEqual([...desc].reverse());
      const created = await listRuns(db, { first: 10, orderBy: { field: 'createdAt', direction: 'desc' }, statuses: ['queued', 'running'] });
      expect(created.rows.map((r) => r.id)).toEqual([...ids].reverse());
      await expect(listRuns(db, { after: 'bm9wZQ' })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
}
