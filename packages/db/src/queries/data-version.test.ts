import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client.ts';
import { testEngines } from '../testing/test-databases.ts';
import { insertApiToken, revokeApiToken, touchApiToken } from './api-tokens.ts';
import { upsertArchitecture, upsertDataset, upsertProject } from './catalog.ts';
import { readDataVersion } from './data-version.ts';
import { deleteModel, insertModel, updateModel } from './models.ts';
import { insertUser } from './users.ts';

for (const engine of testEngines()) {
  describe(`data version on ${engine.name}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await engine.open();
    });
    afterAll(async () => handle?.close());

    /** Runs `write` and returns by how much the version moved. */
    async function moved(write: () => Promise<unknown>): Promise<number> {
      const before = BigInt(await readDataVersion(handle.db));
      await write();
      return Number(BigInt(await readDataVersion(handle.db)) - before);
    }

    it('moves on once per committed insert, update and delete, from a fresh store at 0', async () => {
      const { db } = handle;
      expect(await readDataVersion(db)).toMatch(/^\d+$/);
      const project = await upsertProject(db, 'p');
      const dataset = await upsertDataset(db, 'd', 3);
      const arch = await upsertArchitecture(db, { name: 'a', family: 'resnet' });
      let id = 0;
      expect(await moved(async () => (id = (await insertModel(db, { projectId: project.id, name: 'm', architectureId: arch.id, datasetId: dataset.id })).id))).toBe(1);
      expect(await moved(() => updateModel(db, id, { tags: ['x'] }))).toBe(1);
      expect(await moved(() => deleteModel(db, id))).toBe(1);
      expect(await moved(() => readDataVersion(db))).toBe(0);
    });

    it('moves on once for a transaction of many rows and tables, and not for one rolled back', async () => {
      const { db } = handle;
      expect(
        await moved(() =>
          db.transaction(async (tx) => {
            for (let i = 0; i < 5; i++) await upsertProject(tx, `t${i}`);
            await upsertDataset(tx, 'd2', 4);
          }),
        ),
      ).toBe(1);
      const failed = () =>
        db.transaction(async (tx) => {
          await upsertProject(tx, 'rolled-back');
          throw new Error('roll back');
        });
      expect(await moved(() => failed().catch(() => undefined))).toBe(0);
    });

    it('counts creating and revoking an API token, not stamping its use', async () => {
      const { db } = handle;
      const user = (await insertUser(db, { login: 'u' }))!;
      let tokenId = 0;
      expect(await moved(async () => (tokenId = (await insertApiToken(db, { userId: user.id, name: 'n', tokenHash: 'c'.repeat(64), prefix: 'cft_cc' })).id))).toBe(1);
      expect(await moved(() => touchApiToken(db, tokenId, 0))).toBe(0);
      expect(await moved(() => revokeApiToken(db, tokenId))).toBe(1);
    });

    it('tracks every table of the store (a new table must call classfit_track_changes in its migration)', async () => {
      const rows = (await handle.db.execute(sql`
        select t.tablename as name from pg_tables t
        where t.schemaname = current_schema() and t.tablename <> 'data_version'
          and not exists (select 1 from pg_trigger g where g.tgrelid = format('%I', t.tablename)::regclass and g.tgname = 'data_version_bump')`)) as unknown as { rows: { name: string }[] };
      expect(rows.rows.map((r) => r.name)).toEqual([]);
    });
  });
}
