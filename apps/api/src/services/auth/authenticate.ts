/**
 * Bearer token → {@link Caller}. A request without a token is the open owner while the server runs open (no
 * users configured yet) and anonymous otherwise; a request with a token that is malformed, unknown, expired,
 * revoked or of a disabled user is refused with a message saying which.
 *
 * Given the store's data version (readDataVersion, read before this call), a verified token's caller is kept and
 * reused while the version stays the same: revoking or deleting a token, disabling a user or changing a role —
 * from any process — moves the version on, so the next request checks the token again. Expiry is checked on
 * every use, and the last-use stamp is still written once a minute.
 */
import { countUsers, findApiTokenByHash, rolesOfUser, touchApiToken, type Db, type ProjectRole } from '@classfit/db';
import { UnauthenticatedError } from '../errors.ts';
import type { AccessPolicy } from './access-policy.ts';
import { hashToken, looksLikeToken } from './api-token.ts';
import { ANONYMOUS, OPEN_OWNER, type Caller, type UserCaller } from './caller.ts';

/** Turns `Authorization` header values (or graphql-ws `connectionParams`) into callers. */
export interface Authenticator {
  /** The caller for an `Authorization` header value (`Bearer <token>`), or for none; `version`: see the module note. */
  fromAuthorization(header: string | null | undefined, version?: string): Promise<Caller>;
  /** The caller for a bare token (e.g. from a cookie or `connectionParams.token`), or for none. */
  fromToken(token: string | null | undefined, version?: string): Promise<Caller>;
}

/** How often, at most, an open server re-checks whether users now exist (they may be added while it runs). */
const USER_CHECK_MS = 1000;
/** Last-used stamps are written at most this often per token. */
const TOUCH_INTERVAL_S = 60;
/** Verified tokens kept per data version (a server has few). */
const MAX_KEPT_TOKENS = 1000;

/** A verified token: its caller, when it expires (ms, null = never) and when its use was last stamped (ms). */
interface KeptToken {
  readonly caller: UserCaller;
  readonly expiresAtMs: number | null;
  touchedAtMs: number;
}

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

  // Verified tokens by hash, all read at `keptVersion`; a request that reads another version starts afresh.
  let kept = new Map<string, KeptToken>();
  let keptVersion: string | undefined;
  async function reuse(hash: string, version: string): Promise<Caller | undefined> {
    if (version !== keptVersion) return undefined;
    const entry = kept.get(hash);
    if (!entry || (entry.expiresAtMs !== null && entry.expiresAtMs <= Date.now())) return undefined;
    if (Date.now() - entry.touchedAtMs >= TOUCH_INTERVAL_S * 1000) {
      entry.touchedAtMs = Date.now();
      await touchApiToken(db, entry.caller.tokenId, TOUCH_INTERVAL_S);
    }
    return entry.caller;
  }
  function keep(hash: string, version: string, entry: KeptToken): void {
    if (version !== keptVersion) {
      kept = new Map();
      keptVersion = version;
    }
    if (kept.size >= MAX_KEPT_TOKENS) kept.delete(kept.keys().next().value!);
    kept.set(hash, entry);
  }

  async function fromToken(token: string | null | undefined, version?: string): Promise<Caller> {
    if (!token) return (await stillOpen()) ? OPEN_OWNER : ANONYMOUS;
    if (!looksLikeToken(token)) throw new UnauthenticatedError('the bearer token is not a classfit API token (expected cft_ followed by 43 characters)');
    const hash = hashToken(token);
    const reused = version === undefined ? undefined : await reuse(hash, version);
    if (reused) return reused;
    const found = await findApiTokenByHash(db, hash);
    if (!found) throw new UnauthenticatedError('unknown API token (it may have been deleted); ask an admin for a new one (`classfit token create`)');
    const { token: row, user } = found;
    const label = `API token ${row.prefix}… ("${row.name}" of ${user.login})`;
    if (row.revokedAt) throw new UnauthenticatedError(`${label} was revoked on ${row.revokedAt.toISOString()}`);
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) throw new UnauthenticatedError(`${label} expired on ${row.expiresAt.toISOString()}`);
    if (user.disabledAt) throw new UnauthenticatedError(`user ${user.login} is disabled`);
    const stamp = !row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_S * 1000;
    if (stamp) await touchApiToken(db, row.id, TOUCH_INTERVAL_S);
    let allProjects: ProjectRole | null = null;
    const projects = new Map<number, ProjectRole>();
    for (const grant of await rolesOfUser(db, user.id)) {
      if (grant.projectId === null) allProjects = grant.role;
      else projects.set(grant.projectId, grant.role);
    }
    const caller: UserCaller = { kind: 'user', userId: user.id, login: user.login, tokenId: row.id, allProjects, projects };
    if (version !== undefined) keep(hash, version, { caller, expiresAtMs: row.expiresAt?.getTime() ?? null, touchedAtMs: stamp ? Date.now() : row.lastUsedAt!.getTime() });
    return caller;
  }

  return {
    fromToken,
    fromAuthorization(header, version) {
      if (header === undefined || header === null || header.trim() === '') return fromToken(undefined);
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) return Promise.reject(new UnauthenticatedError('the Authorization header must be "Bearer <token>"'));
      return fromToken(match[1], version);
    },
  };
}
