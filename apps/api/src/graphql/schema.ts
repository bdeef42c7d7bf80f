/** The executable schema: the SDL of `typeDefs/` with the resolvers of `resolvers/`. */
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers/index.ts';
import { typeDefs } from './typeDefs/index.ts';

/** Builds the schema; resolvers for fields the SDL lacks (or the reverse for `Node`-like types) fail fast here. */
export function buildClassfitSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: [...typeDefs],
    resolvers,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error', requireResolversForResolveType: 'error' },
  });
}
