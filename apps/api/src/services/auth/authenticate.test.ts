import { testEngines } from '@classfit/db/testing';
import { readDataVersion, upsertProject, type DbHandle } from '@classfit/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../errors.ts';
import { generateToken, hashToken, looksLikeToken } from './api-token.ts';
import { createAuthenticator } from './authenticate.ts';
import { addUser, createApiToken, grantUserRole, listTokens, revokeToken } from './manage-identity.ts';

describe('API token secrets', () => {
  it('are 256 random bits in a recognisable shape, stored as their SHA-256', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.secret).not.toBe(b.secret);
    expect(looksLikeToken(a.secret)).toBe(true);
    expect(Buffer.from(a.secret.slice(4), 'base64url')).toHaveLength(32);
    expect(a.hash).toBe(hashToken(a.secret));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.secret.startsWith(a.prefix)).toBe(true);
    expect(a.prefix).toHaveLength(10);
    for (const bad of ['', 'cft_short', `xyz_${a.secret.slice(4)}`, `${a.secret}x`, `${a.secret.slice(0, -1)}!`]) expect(looksLikeToken(bad), bad).toBe(false);
  });
});

for (const engine of testEngines()) {
  describe(`authentication on ${engine.name}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await engine.open();
      await upsertProject(handle.db, 'vision');
      await upsertProject(handle.db, 'audio');
    });
    afterAll(async () => handle?.close());

    it('an open server treats callers without a token as the owner until the first user exists', async () => {
      const auth = createAuthenticator(handle.db, { kind: 'open', why: 'loopback' });
      expect(await auth.fromAuthorization(undefined)).toMatchObject({ kind: 'owner', reason: 'open' });
      await addUser(handle.db, { login: 'alice', role: 'viewer', project: 'vision' });
      // The user count is re-read at most once a second; a fresh authenticator sees it at once.
      const later = createAuthenticator(handle.db, { kind: 'open', why: 'loopback' });
      expect(await later.fromAuthorization(undefined)).toEqual({ kind: 'anonymous' });
      expect(await createAuthenticator(handle.db, { kind: 'tokens' }).fromAuthorization('')).toEqual({ kind: 'anonymous' });
    });

    it('resolves a token to its user and roles, and stamps its last use', async () => {
      const { db } = handle;
      await grantUserRole(db, { login: 'alice', role: 'editor', project: 'audio' });
      const { secret, token } = await createApiToken(db, { login: 'alice', name: 'laptop', expiresAt: null });
      expect(token.lastUsedAt).toBeNull();
      const caller = await createAuthenticator(db, { kind: 'tokens' }).fromAuthorization(`Bearer ${secret}`);
      expect(caller).toMatchObject({ kind: 'user', login: 'alice', tokenId: token.id, allProjects: null });
      expect(caller.kind === 'user' && [...caller.projects.values()].sort()).toEqual(['editor', 'viewer']);
      expect((await listTokens(db, 'alice'))[0].lastUsedAt).toBeInstanceOf(Date);
      expect(JSON.stringify(await listTokens(db))).not.toContain(hashToken(secret));
    });

    it('refuses malformed, unknown, expired and revoked tokens and disabled users, saying which', async () => {
      const { db } = handle;
      const auth = createAuthenticator(db, { kind: 'tokens' });
      const refused = async (header: string, pattern: RegExp) => {
        const error = await auth.fromAuthorization(header).then(() => null, (e: unknown) => e);
        expect(error, header).toBeInstanceOf(UnauthenticatedError);
        expect((error as Error).message).toMatch(pattern);
      };
      await refused('Basic abc', /must be "Bearer <token>"/);
      await refused('Bearer nope', /not a classfit API token/);
      await refused(`Bearer ${generateToken().secret}`, /unknown API token/);

      const expiring = await createApiToken(db, { login: 'alice', name: 'short', expiresAt: new Date(Date.now() + 60_000) });
      await db.execute(sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${expiring.token.id}`);
      await refused(`Bearer ${expiring.secret}`, /expired on/);

      const revoked = await createApiToken(db, { login: 'alice', name: 'old', expiresAt: null });
      await revokeToken(db, revoked.token.id);
      await refused(`Bearer ${revoked.secret}`, new RegExp(`${revoked.token.prefix}.*"old" of alice\\) was revoked`));

      const ok = await createApiToken(db, { login: 'alice', name: 'ok', expiresAt: null });
      await db.execute(sql`update users set disabled_at = now() where login = 'alice'`);
      await refused(`bearer ${ok.secret}`, /user alice is disabled/);
      await db.execute(sql`update users set disabled_at = null where login = 'alice'`);
      expect((await auth.fromToken(ok.secret)).kind).toBe('user');
    });

    it('given the data version, checks a verified token again only once the version moved (revocation, roles) or it expired', async () => {
      const { db } = handle;
      const auth = createAuthenticator(db, { kind: 'tokens' });
      const { secret, token } = await createApiToken(db, { login: 'alice', name: 'kept', expiresAt: new Date(Date.now() + 60_000) });
      const v1 = await readDataVersion(db);
      const first = await auth.fromToken(secret, v1);
      expect(first).toMatchObject({ kind: 'user', login: 'alice', tokenId: token.id });
      expect(await auth.fromToken(secret, v1)).toBe(first);
      await grantUserRole(db, { login: 'alice', role: 'admin', project: 'vision' });
      const v2 = await readDataVersion(db);
      expect(v2).not.toBe(v1);
      const regranted = await auth.fromToken(secret, v2);
      expect(regranted).not.toBe(first);
      expect(regranted.kind === 'user' && [...regranted.projects.values()].sort()).toEqual(['admin', 'editor']);
      await revokeToken(db, token.id);
      await expect(auth.fromToken(secret, await readDataVersion(db))).rejects.toThrow(/was revoked/);
      // An expired token is refused even at the version it was verified at.
      const short = await createApiToken(db, { login: 'alice', name: 'short-kept', expiresAt: new Date(Date.now() + 60_000) });
      const v3 = await readDataVersion(db);
      await auth.fromToken(short.secret, v3);
      const realNow = Date.now;
      Date.now = () => realNow() + 120_000;
      try {
        await expect(auth.fromToken(short.secret, v3)).rejects.toThrow(/expired on/);
      } finally {
        Date.now = realNow;
      }
    });

    it('validates user and token input, listing what is wrong', async () => {
      const { db } = handle;
      await expect(addUser(db, { login: 'Bad Login', role: 'viewer' })).rejects.toThrow(ValidationError);
      await expect(addUser(db, { login: 'bob', role: 'owner' })).rejects.toThrow(/viewer, editor, admin/);
      await expect(addUser(db, { login: 'bob', role: 'viewer', project: 'nope' })).rejects.toThrow(/existing: audio, vision/);
      await expect(addUser(db, { login: 'alice', role: 'viewer' })).rejects.toThrow(/already exists/);
      await expect(createApiToken(db, { login: 'nobody', name: 'x', expiresAt: null })).rejects.toThrow(NotFoundError);
      await expect(createApiToken(db, { login: 'alice', name: 'x', expiresAt: new Date(Date.now() - 1000) })).rejects.toThrow(/future/);
      await expect(revokeToken(db, 424242)).rejects.toThrow(NotFoundError);
      const { user, roles } = await addUser(db, { login: 'bob', role: 'admin' });
      expect(user.login).toBe('bob');
      expect(roles).toEqual([{ projectId: null, projectName: null, role: 'admin' }]);
    });
  });
}
