/**
 * Test helper: real users with real API tokens (through the same services as `classfit user add` and
 * `classfit token create`), and the callers their tokens authenticate as.
 */
import type { Db } from '@classfit/db';
import { createAuthenticator } from '../services/auth/authenticate.ts';
import type { Caller } from '../services/auth/caller.ts';
import { addUser, createApiToken, grantUserRole } from '../services/auth/manage-identity.ts';

/** A user to create: login, then one or more grants (`project` absent = every project). */
export interface TestUser {
  readonly login: string;
  readonly grants: readonly { readonly role: 'viewer' | 'editor' | 'admin'; readonly project?: string }[];
}

/** A created user: their token's secret and the caller it authenticates as. */
export interface TestIdentity {
  readonly login: string;
  readonly token: string;
  readonly caller: Caller;
}

/** Creates each user with their grants and one token. */
export async function createIdentities<K extends string>(db: Db, users: Record<K, TestUser>): Promise<Record<K, TestIdentity>> {
  const auth = createAuthenticator(db, { kind: 'tokens' });
  const out = {} as Record<K, TestIdentity>;
  for (const [key, user] of Object.entries(users) as [K, TestUser][]) {
    const [first, ...rest] = user.grants;
    await addUser(db, { login: user.login, role: first.role, project: first.project });
    for (const grant of rest) await grantUserRole(db, { login: user.login, role: grant.role, project: grant.project });
    const { secret } = await createApiToken(db, { login: user.login, name: 'test', expiresAt: null });
    out[key] = { login: user.login, token: secret, caller: await auth.fromToken(secret) };
  }
  return out;
}
