/**
 * The Apollo Server instance: the schema, armor limits, the one error mapping (known errors coded, the rest masked
 * and logged), no stack traces, no batching, and a fresh context (new DataLoaders) per request.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../graphql/context.ts';
import { toGraphQLFormattedError, type ErrorLogger } from '../graphql/errors.ts';
import { createArmor, PARSE_OPTIONS } from './limits.ts';

/** Builds (but does not start) the server. */
export function createApolloServer(schema: GraphQLSchema, logError: ErrorLogger, plugins: ApolloServerPlugin<GraphQLContext>[] = []): ApolloServer<GraphQLContext> {
  const armor = createArmor();
  return new ApolloServer<GraphQLContext>({
    schema,
    validationRules: armor.validationRules,
    parseOptions: PARSE_OPTIONS,
    plugins: [...(armor.plugins as ApolloServerPlugin<GraphQLContext>[]), ...plugins],
    formatError: (formatted, error) => toGraphQLFormattedError(formatted, error, logError),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    introspection: true,
  });
}
