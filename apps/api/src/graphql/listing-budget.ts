/**
 * The schema-wide listing budget: every field that returns a connection (`…Connection`) reserves its page size
 * in the request's budget (services/views/request-budget.ts) before it runs and settles for what it returned;
 * a list of objects is charged what it returned. Once the request has used its share, listings are refused
 * before they run — so `models(first: 100) { layers { classFits { … } } }`
 * multiplied by aliases cannot build millions of objects, while every ordinary page still answers.
 * Applied in place, like root-guard.ts, so a new listing is covered without anyone remembering to. Subscriptions
 * are not charged (their events are small, and their context outlives any one of them).
 */
import { defaultFieldResolver, getNamedType, getNullableType, isListType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { MAX_PAGE_SIZE } from './connection.ts';
import type { GraphQLContext } from './context.ts';

/** A listing field: what it reserves before it runs (given its arguments) and how many objects its value holds. */
interface Listing {
  reserve(args: Record<string, unknown>): number;
  count(value: unknown): number;
}

/** The page a connection asks for: `first` or `last`, else the largest page it could return. */
const pageAsked = (args: Record<string, unknown>) => {
  const asked = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : MAX_PAGE_SIZE;
  return Math.max(0, Math.min(asked, MAX_PAGE_SIZE));
};

function listingOf(field: GraphQLField<unknown, unknown>): Listing | undefined {
  const type = getNullableType(field.type);
  const named = getNamedType(field.type);
  if (isListType(type) && isObjectType(named)) return { reserve: () => 0, count: (value) => (Array.isArray(value) ? value.length : 0) };
  if (isObjectType(named) && named.name.endsWith('Connection')) {
    return {
      reserve: pageAsked,
      count(value) {
        const page = value as { nodes?: unknown[]; edges?: unknown[] } | null | undefined;
        return Math.max(page?.nodes?.length ?? 0, page?.edges?.length ?? 0);
      },
    };
  }
  return undefined;
}

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as Promise<unknown>)?.then === 'function';

/** Wraps every listing field of `schema` (in place) with the budget check; returns the schema. */
export function budgetListings(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    // A connection's own nodes/edges lists were counted by the field that returned the connection.
    if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection') || type === schema.getSubscriptionType()) continue;
    for (const field of Object.values(type.getFields())) {
      const listing = listingOf(field);
      if (!listing) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const name = `${type.name}.${field.name}`;
      field.resolve = (source, args, ctx: GraphQLContext, info) => {
        // A subscription's context lives for all its events: the budget is per request, not per subscription.
        if (info.operation.operation === 'subscription') return resolve(source, args, ctx, info);
        const reserved = listing.reserve(args);
        ctx.budget.reserveNodes(reserved, name);
        const settle = (v: unknown) => (ctx.budget.settleNodes(reserved, listing.count(v)), v);
        let value: unknown;
        try {
          value = resolve(source, args, ctx, info);
        } catch (error) {
          ctx.budget.settleNodes(reserved, 0);
          throw error;
        }
        if (isPromise(value)) return value.then(settle, (error: unknown) => (ctx.budget.settleNodes(reserved, 0), Promise.reject(error)));
        return settle(value);
      };
    }
  }
  return schema;
}
