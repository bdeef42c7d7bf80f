/**
 * The Apollo Server instance: the schema, armor limits, the one error mapping (known errors coded, the rest masked
 * and logged), no stack traces, no batching, and a fresh context (new DataLoaders) per request.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../graphql/context.ts';
import { toGraphQLFormattedError } from '../graphql/errors.ts';
import { type ErrorLogger } from '../services/errors.ts';
import { createArmor, PARSE_OPTIONS } from './limits.ts';
import { pointsPrecheckPlugin } from '../graphql/points-precheck.ts';

/** Builds (but does not start) the server. */
export function createApolloServer(schema: GraphQLSchema, logError: ErrorLogger, plugins: ApolloServerPlugin<GraphQLContext>[] = []): ApolloServer<GraphQLContext> {
  const armor = createArmor();
  return new ApolloServer<GraphQLContext>({
    schema,
    validationRules: armor.validationRules,
    parseOptions: PARSE_OPTIONS,
    // No cache hints are declared (answers are reused by the server itself, response-cache.ts): without this Apollo
    // would run its cache-control hook on every resolved field.
    plugins: [...(armor.plugins as ApolloServerPlugin<GraphQLContext>[]), pointsPrecheckPlugin<GraphQLContext>(), ApolloServerPluginCacheControlDisabled(), ...plugins],
    formatError: (formatted, error) => toGraphQLFormattedError(formatted, error, logError),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    introspection: true,
    // The CLI owns the signals (cli/stop-signals.ts) and stops the server, then the store, in order. Apollo's own
    // handlers would stop it a second time and re-raise the signal, killing the process before the store is closed.
    stopOnTerminationSignals: false,
  });
}
