/**
 * Domain errors of the API and their one mapping to GraphQL error codes. Resolvers throw these, the services'
 * `NotFoundError`/`ValidationError`, core's `InvalidArgumentError` or the store's `InvalidCursorError`;
 * `toGraphQLFormattedError` turns them into coded errors and masks everything unexpected, logging it server-side.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { NotFoundError, ValidationError } from '../services/errors.ts';

export { NotFoundError };

/** Codes a client can branch on (DESIGN.md §5). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'INTERNAL_SERVER_ERROR';

/** A bad argument value; `field` names the argument or input field at fault (e.g. `points.array.data`). */
export class BadUserInputError extends Error {
  override readonly name = 'BadUserInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** An operation that the object's current state forbids (e.g. cancelling a finished run). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** The code and field of a known error, or null for an unexpected one. */
export function classifyError(error: unknown): { code: ErrorCode; field?: string; message: string } | null {
  if (error instanceof NotFoundError) return { code: 'NOT_FOUND', message: error.message };
  if (error instanceof ValidationError) return { code: 'BAD_USER_INPUT', field: error.problems[0]?.field, message: error.message };
  if (error instanceof BadUserInputError) return { code: 'BAD_USER_INPUT', field: error.field, message: error.message };
  if (error instanceof ConflictError) return { code: 'CONFLICT', message: error.message };
  const named = error as { name?: string; parameter?: string; message?: string; cursor?: string };
  // Matched by name: core and db define these, and several copies of a module may be loaded.
  if (named?.name === 'InvalidArgumentError') return { code: 'BAD_USER_INPUT', field: named.parameter, message: String(named.message) };
  if (named?.name === 'InvalidCursorError') return { code: 'BAD_USER_INPUT', field: 'after', message: `after: ${named.message}` };
  if (named?.name === 'ArtifactNotFoundError') return { code: 'NOT_FOUND', message: 'A stored result this field needs is missing from the artifact store.' };
  return null;
}

/** Something that records unexpected errors server-side. */
export type ErrorLogger = (error: unknown) => void;

/**
 * Apollo's `formatError`: keeps GraphQL's own coded errors (validation, variable coercion), maps domain errors
 * to codes, and replaces anything else by a masked INTERNAL_SERVER_ERROR without message, stack or SQL.
 */
export function toGraphQLFormattedError(formatted: GraphQLFormattedError, error: unknown, log: ErrorLogger): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const known = classifyError(original);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (known) {
    return { ...base, message: known.message, extensions: { code: known.code, ...(known.field ? { field: known.field } : {}) } };
  }
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError && typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
    return { ...base, extensions };
  }
  log(original);
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** The same mapping for errors outside Apollo (graphql-ws subscriptions). */
export function formatGraphQLError(error: GraphQLError, log: ErrorLogger): GraphQLFormattedError {
  return toGraphQLFormattedError(error.toJSON(), error, log);
}
