/**
 * Bearer token → {@link Caller}. A request without a token is the open owner while the server runs open (no
 * users configured yet) and anonymous otherwise; a request with a token that is malformed, unknown, expired,
 * revoked or of a disabled user is refused with a message saying which.
 */
import { countUsers, findApiTokenByHash, rolesOfUser, touchApiToken, type Db, type ProjectRole } from '@classfit/db';
import { UnauthenticatedError } from '../errors.ts';
import type { AccessPolicy } from './access-policy.ts';
import { hashToken, looksLikeToken } from './api-token.ts';
import { ANONYMOUS, OPEN_OWNER, type Caller, type UserCaller } from './caller.ts';

/** Turns `Authorization` header values (or graphql-ws `connectionParams`) into callers. */
export interface Authenticator {
  /** The caller for an `Authorization` header value (`Bearer <token>`), or for none. */
  fromAuthorization(header: string | null | undefined): Promise<Caller>;
  /** The caller for a bare token (e.g. from a cookie or `connectionParams.token`), or for none. */
  fromToken(token: string | null | undefined): Promise<Caller>;
}

/** How often, at most, an open server re-checks whether users now exist (they may be added while it runs). */
const USER_CHECK_MS = 1000;
/** Last-used stamps are written at most this often per token. */
const TOUCH_INTERVAL_S = 60;

/** Authenticator over `db` under `policy`. */
export function createAuthenticator(db: Db, policy: AccessPolicy): Authenticator {
  // Once a user exists the server stops being open for good (until restarted); till then the count is re-read.
  let usersExist = policy.kind === 'tokens';
  let checkedAt = 0;
  async function stillOpen(): Promise<boolean> {
    if (usersExist) return false;
    if (Date.now() - checkedAt >= USER_CHECK_MS) {
      usersExist = (await countUsers(db)) > 0;
      checkedAt = Date.now();
    }
    return !usersExist;
  }

  async function fromToken(token: string | null | undefined): Promise<Caller> {
    if (!token) return (await stillOpen()) ? OPEN_OWNER : ANONYMOUS;
    if (!looksLikeToken(token)) throw new UnauthenticatedError('the bearer token is not a classfit API token (expected cft_ followed by 43 characters)');
    const found = await findApiTokenByHash(db, hashToken(token));
    if (!found) throw new UnauthenticatedError('unknown API token (it may have been deleted); ask an admin for a new one (`classfit token create`)');
    const { token: row, user } = found;
    const label = `API token ${row.prefix}… ("${row.name}" of ${user.login})`;
    if (row.revokedAt) throw new UnauthenticatedError(`${label} was revoked on ${row.revokedAt.toISOString()}`);
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) throw new UnauthenticatedError(`${label} expired on ${row.expiresAt.toISOString()}`);
    if (user.disabledAt) throw new UnauthenticatedError(`user ${user.login} is disabled`);
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_S * 1000) await touchApiToken(db, row.id, TOUCH_INTERVAL_S);
    let allProjects: ProjectRole | null = null;
    const projects = new Map<number, ProjectRole>();
    for (const grant of await rolesOfUser(db, user.id)) {
      if (grant.projectId === null) allProjects = grant.role;
      else projects.set(grant.projectId, grant.role);
    }
    const caller: UserCaller = { kind: 'user', userId: user.id, login: user.login, tokenId: row.id, allProjects, projects };
    return caller;
  }

  return {
    fromToken,
    fromAuthorization(header) {
      if (header === undefined || header === null || header.trim() === '') return fromToken(undefined);
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) return Promise.reject(new UnauthenticatedError('the Authorization header must be "Bearer <token>"'));
      return fromToken(match[1]);
    },
  };
}
