/** The executable schema: the SDL of `types/*.graphql` with the resolvers of `types/*.ts`. */
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers.ts';
import { budgetListings } from './listing-budget.ts';
import { guardRootFields } from './root-guard.ts';
import { typeDefs } from './type-defs.ts';

/**
 * Builds the schema; resolvers for fields the SDL lacks (or the reverse for `Node`-like types) fail fast here.
 * Every root field but `viewer` refuses anonymous callers (`root-guard.ts`); every listing charges the request's
 * budget (`listing-budget.ts`).
 */
export function buildClassfitSchema(): GraphQLSchema {
  return guardRootFields(
    budgetListings(
      makeExecutableSchema({
        typeDefs: [...typeDefs],
        resolvers,
        resolverValidationOptions: { requireResolversToMatchSchema: 'error', requireResolversForResolveType: 'error' },
      }),
    ),
  );
}
