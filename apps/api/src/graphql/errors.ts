/**
 * GraphQL's side of the domain errors (`services/errors.ts`): `toGraphQLFormattedError` turns a known error into a
 * coded GraphQL error and masks everything unexpected, logging it server-side.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { classifyError, type ErrorLogger } from '../services/errors.ts';

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
