import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client.ts';
import { testEngines } from '../testing/test-databases.ts';
import { findApiTokenByHash, insertApiToken, listApiTokens, revokeApiToken, touchApiToken } from './api-tokens.ts';
import { upsertProject } from './catalog.ts';
import { countUsers, getUserByLogin, grantRole, insertUser, listUsers, revokeRole, rolesOfUser } from './users.ts';

const hash = (c: string) => c.repeat(64).slice(0, 64);

for (const engine of testEngines()) {
  describe(`users, roles and API tokens on ${engine.name}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await engine.open();
    });
    afterAll(async () => handle?.close());

    it('creates users once per login and counts them', async () => {
      const { db } = handle;
      expect(await countUsers(db)).toBe(0);
      const alice = await insertUser(db, { login: 'alice', displayName: 'Alice' });
      expect(alice?.login).toBe('alice');
      expect(await insertUser(db, { login: 'alice' })).toBeUndefined();
      await insertUser(db, { login: 'bob' });
      expect(await countUsers(db)).toBe(2);
      expect((await listUsers(db)).map((u) => u.login)).toEqual(['alice', 'bob']);
      expect((await getUserByLogin(db, 'bob'))?.displayName).toBeNull();
    });

    it('keeps one grant per (user, project) and one every-project grant, replacing on re-grant', async () => {
      const { db } = handle;
      const alice = (await getUserByLogin(db, 'alice'))!;
      const a = await upsertProject(db, 'a');
      const b = await upsertProject(db, 'b');
      await grantRole(db, alice.id, a.id, 'viewer');
      await grantRole(db, alice.id, a.id, 'editor');
      await grantRole(db, alice.id, null, 'viewer');
      await grantRole(db, alice.id, null, 'viewer');
      await grantRole(db, alice.id, b.id, 'admin');
      expect(await rolesOfUser(db, alice.id)).toEqual([
        { projectId: null, projectName: null, role: 'viewer' },
        { projectId: a.id, projectName: 'a', role: 'editor' },
        { projectId: b.id, projectName: 'b', role: 'admin' },
      ]);
      expect(await revokeRole(db, alice.id, null)).toBe(true);
      expect(await revokeRole(db, alice.id, null)).toBe(false);
      expect((await rolesOfUser(db, alice.id)).map((g) => g.projectName)).toEqual(['a', 'b']);
    });

    it('rejects an unknown role and a malformed hash at the database', async () => {
      const { db } = handle;
      const bob = (await getUserByLogin(db, 'bob'))!;
      await expect(grantRole(db, bob.id, null, 'owner' as 'admin')).rejects.toThrow();
      await expect(insertApiToken(db, { userId: bob.id, name: 'x', tokenHash: 'not-a-hash', prefix: 'cft_x' })).rejects.toThrow();
    });

    it('finds a token by hash only, lists without the hash, revokes once and stamps use at most once a minute', async () => {
      const { db } = handle;
      const bob = (await getUserByLogin(db, 'bob'))!;
      const token = await insertApiToken(db, { userId: bob.id, name: 'laptop', tokenHash: hash('a'), prefix: 'cft_aaaa' });
      expect((await findApiTokenByHash(db, hash('a')))?.user.login).toBe('bob');
      expect(await findApiTokenByHash(db, hash('b'))).toBeUndefined();
      const [listed] = await listApiTokens(db, { userId: bob.id });
      expect(listed).toMatchObject({ id: token.id, login: 'bob', name: 'laptop', prefix: 'cft_aaaa', lastUsedAt: null, revokedAt: null });
      expect(listed).not.toHaveProperty('tokenHash');

      await touchApiToken(db, token.id);
      const first = (await findApiTokenByHash(db, hash('a')))!.token.lastUsedAt!;
      expect(first).toBeInstanceOf(Date);
      await touchApiToken(db, token.id);
      expect((await findApiTokenByHash(db, hash('a')))!.token.lastUsedAt).toEqual(first);
      await touchApiToken(db, token.id, 0);
      expect((await findApiTokenByHash(db, hash('a')))!.token.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(first.getTime());

      const revoked = await revokeApiToken(db, token.id);
      expect(revoked?.revokedAt).toBeInstanceOf(Date);
      expect((await revokeApiToken(db, token.id))?.revokedAt).toEqual(revoked?.revokedAt);
      expect(await revokeApiToken(db, 999_999)).toBeUndefined();
    });

    it('drops a user\'s tokens and grants with the user', async () => {
      const { db } = handle;
      const carol = (await insertUser(db, { login: 'carol' }))!;
      await insertApiToken(db, { userId: carol.id, name: 'ci', tokenHash: hash('c'), prefix: 'cft_cccc' });
      await grantRole(db, carol.id, null, 'editor');
      await db.execute(sql`delete from users where id = ${carol.id}`);
      expect(await findApiTokenByHash(db, hash('c'))).toBeUndefined();
      expect(await rolesOfUser(db, carol.id)).toEqual([]);
    });
  });
}
