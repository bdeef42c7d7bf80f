/**
 * The schema-wide sign-in check: every field of Query, Mutation and Subscription except the public ones
 * ({@link PUBLIC_ROOT_FIELDS}) refuses the anonymous caller with UNAUTHENTICATED before its resolver runs, so a
 * new root field is guarded without anyone remembering to. What a signed-in caller may then see is the loaders'
 * and listings' project scope; what they may change, each mutation's `requireRole` (via services/views/read-scope).
 */
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { requireSignedIn } from '../services/auth/caller.ts';
import type { GraphQLContext } from './context.ts';

/** Root fields answered without a token: who am I (so a sign-in page can ask). */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set(['Query.viewer']);

/** Guards every non-public root field of `schema` (in place) with {@link requireSignedIn}; returns the schema. */
export function guardRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (PUBLIC_ROOT_FIELDS.has(`${root!.name}.${field.name}`)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx: GraphQLContext, info) => {
        requireSignedIn(ctx.caller, field.name);
        return resolve(source, args, ctx, info);
      };
      const subscribe = field.subscribe;
      if (subscribe) {
        field.subscribe = (source, args, ctx: GraphQLContext, info) => {
          requireSignedIn(ctx.caller, field.name);
          return subscribe(source, args, ctx, info);
        };
      }
    }
  }
  return schema;
}
