/**
 * Every request limit of the API, set explicitly in one place (DESIGN.md §5) and applied to HTTP and WebSocket
 * operations alike: graphql-armor's depth, alias, directive and cost limits, the parser's token limit, and the body size.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';

/** The limits; tests import them to probe just past each one. */
export const LIMITS = {
  /** Deepest field nesting (a models → layers → classFits → diagnostics → traces query is 11 deep). */
  maxDepth: 14,
  /** Aliases per operation (the dashboard aliases a few fields; batches of hundreds are abuse). */
  maxAliases: 15,
  /** Directives per operation. */
  maxDirectives: 20,
  /** Lexical tokens per document (large inputs belong in variables, which are not tokens). */
  maxTokens: 4000,
  /** graphql-armor's cost estimate per operation (objects 2, scalars 1, ×1.5 per level of depth). */
  maxCost: 50_000,
  /** Request body in bytes: 10,000 points × 64 float32 in base64 is ~3.4 MB. */
  maxBodyBytes: 8 * 1024 * 1024,
} as const;

/** graphql `parse` options enforcing the token limit (HTTP via Apollo's `parseOptions`, WebSocket directly). */
export const PARSE_OPTIONS = { maxTokens: LIMITS.maxTokens } as const;

/** The graphql-armor protection: Apollo plugins plus validation rules (also used for subscriptions). */
export function createArmor(): { plugins: ReturnType<ApolloArmor['protect']>['plugins']; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { enabled: true, n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { enabled: true, n: LIMITS.maxAliases },
    maxDirectives: { enabled: true, n: LIMITS.maxDirectives },
    // Tokens are limited by graphql's own parser (`parseOptions` below): armor's Apollo plugin for it throws from
    // `unexpectedErrorProcessingRequest`, which Apollo 5 turns into a 500 instead of a 400 validation error.
    maxTokens: { enabled: false },
    costLimit: { enabled: true, maxCost: LIMITS.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: true },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules };
}
