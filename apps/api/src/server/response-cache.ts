/**
 * Answers to repeated read-only GraphQL requests, kept per store data version (readDataVersion): a request that
 * reads the version an answer was computed at, with the same document, variables, `Accept` header and caller, gets
 * the same bytes back without executing it. Any committed change of the store, by any process (a mutation, a
 * worker finishing a layer, `classfit tag` on the CLI, a role granted), moves the version on, and what was kept is
 * dropped. Keyed by the caller's identity and roles — a viewer of one project never gets what another caller was
 * answered. Only documents that read stored data only (cacheable-query.ts) and answers without errors are kept.
 * While one request computes an answer, the same request from others waits for it instead of computing it again.
 */
import type { Caller } from '../services/auth/caller.ts';
import { isCacheableQuery } from './cacheable-query.ts';

/** A kept answer: what Apollo wrote. */
export interface CachedResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

/** Limits of a {@link ResponseCache}. */
export interface ResponseCacheLimits {
  /** Bytes of bodies kept in all (default 64 MiB). */
  readonly maxBytes: number;
  /** Larger answers are not kept (default 2 MiB). */
  readonly maxEntryBytes: number;
}

const DEFAULT_LIMITS: ResponseCacheLimits = { maxBytes: 64 * 2 ** 20, maxEntryBytes: 2 * 2 ** 20 };

/** Kept answers of one data version, least recently used first. */
export interface ResponseCache {
  /** The answer kept for `key` at `version`, if any. */
  get(key: string, version: string): CachedResponse | undefined;
  /** Keeps `response` for `key` at `version` (ignored when a newer version was seen or it is too large). */
  set(key: string, version: string, response: CachedResponse): void;
  /** The answer another request is computing for `key` at `version` (undefined once it ends without one to share). */
  pending(key: string, version: string): Promise<CachedResponse | undefined> | undefined;
  /** Marks `key` at `version` as being computed; call the returned function once with its answer (or undefined). */
  begin(key: string, version: string): (answer: CachedResponse | undefined) => void;
  /** How many answers are kept. */
  readonly size: number;
}

/** An empty cache. */
export function createResponseCache(limits: Partial<ResponseCacheLimits> = {}): ResponseCache {
  const { maxBytes, maxEntryBytes } = { ...DEFAULT_LIMITS, ...limits };
  let entries = new Map<string, CachedResponse>();
  let bytes = 0;
  // Versions only grow; entries are all of `current`.
  let current = -1n;
  const advance = (version: string): boolean => {
    const v = BigInt(version);
    if (v < current) return false;
    if (v > current) {
      entries = new Map();
      bytes = 0;
      current = v;
    }
    return true;
  };
  const inflight = new Map<string, Promise<CachedResponse | undefined>>();
  return {
    pending: (key, version) => inflight.get(`${version}\n${key}`),
    begin(key, version) {
      const id = `${version}\n${key}`;
      let settle!: (answer: CachedResponse | undefined) => void;
      const answer = new Promise<CachedResponse | undefined>((resolve) => (settle = resolve));
      inflight.set(id, answer);
      let open = true;
      return (value) => {
        if (!open) return;
        open = false;
        if (inflight.get(id) === answer) inflight.delete(id);
        settle(value);
      };
    },
    get(key, version) {
      if (BigInt(version) !== current) return undefined;
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    set(key, version, response) {
      if (response.body.length > maxEntryBytes || !advance(version)) return;
      const old = entries.get(key);
      if (old) bytes -= old.body.length;
      entries.delete(key);
      entries.set(key, response);
      bytes += response.body.length;
      for (const [k, v] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(k);
        bytes -= v.body.length;
      }
    },
    get size() {
      return entries.size;
    },
  };
}

/** Who is asking, as far as answers can differ: the kind, and a user's id and roles. */
function callerKey(caller: Caller): string {
  if (caller.kind !== 'user') return caller.kind === 'owner' ? `owner:${caller.reason}` : 'anonymous';
  const roles = [...caller.projects].sort(([a], [b]) => a - b).map(([project, role]) => `${project}=${role}`);
  return `user:${caller.userId}:${caller.allProjects ?? '-'}:${roles.join(',')}`;
}

/**
 * The cache key of a POSTed GraphQL body for `caller`, or undefined when the answer must not be kept or reused:
 * not a plain `{ query, variables?, operationName? }` object, or a document that reads more than stored data.
 */
export function responseCacheKey(caller: Caller, body: unknown, accept: string | undefined): string | undefined {
  if (caller.kind === 'anonymous' || typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, variables, operationName, ...rest } = body as Record<string, unknown>;
  if (typeof query !== 'string' || Object.keys(rest).length > 0 || !isCacheableQuery(query)) return undefined;
  return JSON.stringify([callerKey(caller), accept ?? '', operationName ?? null, query, variables ?? null]);
}
