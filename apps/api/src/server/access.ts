/**
 * Who a request is, for every route of the server: the access policy decided once at start-up (open for the
 * single local owner, or tokens; see services/auth/access-policy.ts), and the caller of each HTTP request
 * (`Authorization: Bearer <token>`) or WebSocket connection (`connectionParams.authorization` or `.token`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { countUsers } from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';
import { decideAccessPolicy, type AccessPolicy } from '../services/auth/access-policy.ts';
import { createAuthenticator, type Authenticator } from '../services/auth/authenticate.ts';
import type { Caller } from '../services/auth/caller.ts';
import { UnauthenticatedError } from '../services/errors.ts';

/** The server's access decision and the one line that states it. */
export interface ServerAccess {
  readonly policy: AccessPolicy;
  readonly line: string;
  readonly authenticator: Authenticator;
}

/**
 * Decides the policy from the users in the store, the bind address and the engine (PostgreSQL counts as shared),
 * unless `policy` is given; throws AccessRefusedError when the server must not start open.
 */
export async function decideServerAccess(app: AppContext, options: { host: string; insecureOpen?: boolean; policy?: AccessPolicy }): Promise<ServerAccess> {
  const decided = options.policy
    ? { policy: options.policy, line: options.policy.kind === 'open' ? 'access: open — every caller is the local owner (set by the embedding program)' : 'access: API tokens required' }
    : decideAccessPolicy({ userCount: await countUsers(app.db), host: options.host, sharedDatabase: app.engine === 'postgres', insecureOpen: options.insecureOpen ?? false });
  return { ...decided, authenticator: createAuthenticator(app.db, decided.policy) };
}

/**
 * The caller of an HTTP request; throws UnauthenticatedError for a bad, expired or revoked token. With the store's
 * data version read for this request, a token verified at the same version is not looked up again.
 */
export function callerOfRequest(access: ServerAccess, req: IncomingMessage, version?: string): Promise<Caller> {
  return access.authenticator.fromAuthorization(req.headers.authorization, version);
}

/** The caller of a graphql-ws connection, from `connectionParams.authorization` ("Bearer …") or `.token`. */
export function callerOfConnection(access: ServerAccess, params: Readonly<Record<string, unknown>> | undefined): Promise<Caller> {
  const authorization = params?.authorization ?? params?.Authorization;
  if (typeof authorization === 'string') return access.authenticator.fromAuthorization(authorization);
  const token = params?.token;
  if (token !== undefined && typeof token !== 'string') return Promise.reject(new UnauthenticatedError('connectionParams.token must be a string'));
  return access.authenticator.fromToken(token);
}

/** Answers 401 with the reason, as GraphQL's error shape or the exports' `{ error, code }`. */
export function sendUnauthenticated(res: ServerResponse, error: UnauthenticatedError, shape: 'graphql' | 'export'): void {
  res.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer realm="classfit"' });
  const body = shape === 'graphql' ? { errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] } : { error: error.message, code: 'UNAUTHENTICATED' };
  res.end(JSON.stringify(body));
}
