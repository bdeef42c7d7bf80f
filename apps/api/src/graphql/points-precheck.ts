/**
 * The points budget checked before anything runs: the fitted-density fields an operation holds
 * (`logDensity`/`classify` points, `sampleClass` n), summed over every alias with the request's variables. An
 * operation asking for more than {@link REQUEST_BUDGET.points} in all is refused as a whole — otherwise its
 * first aliases would still be scored (at full cost) before a later one hits the per-field budget.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getArgumentValues, GraphQLError, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { POINT_LIMITS } from '../services/views/numeric/points-input.ts';
import { REQUEST_BUDGET } from '../services/views/request-budget.ts';

const SCORING_FIELDS = new Set(['logDensity', 'classify', 'sampleClass']);

/**
 * How many points `args` of a fitted-density field ask for. 0 when they cannot be read or are more than one
 * field may take: the field then rejects its own input with its own message (POINT_LIMITS, naming the argument).
 */
function pointsOf(field: string, args: Record<string, unknown>): number {
  const within = (count: unknown, max: number) => (typeof count === 'number' && count <= max ? count : 0);
  if (field === 'sampleClass') return within(args.n, POINT_LIMITS.maxSamples);
  const points = args.points as { array?: { shape?: unknown[] }; rows?: unknown[] } | undefined;
  if (points?.array) return within(points.array.shape?.[0], POINT_LIMITS.maxPoints);
  return within(points?.rows?.length, POINT_LIMITS.maxRows);
}

/** The points an operation's fitted-density fields ask for in all (every alias; each fragment once, as it executes). */
export function requestedPoints(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): number {
  const typeInfo = new TypeInfo(schema);
  const query = schema.getQueryType();
  let total = 0;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (!SCORING_FIELDS.has(node.name.value) || typeInfo.getParentType() !== query) return;
        const definition = typeInfo.getFieldDef();
        if (!definition) return;
        try {
          total += pointsOf(node.name.value, getArgumentValues(definition, node, variables));
        } catch {
          // bad arguments: the field itself reports them
        }
      },
    }),
  );
  return total;
}

/** Apollo plugin refusing, before execution, an operation whose fitted-density fields ask for too many points. */
export function pointsPrecheckPlugin<T extends object>(limit: number = REQUEST_BUDGET.points): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const total = requestedPoints(schema, document, request.variables ?? {});
          if (total > limit) {
            throw new GraphQLError(`points: this request scores ${total} points in all; at most ${limit} per request (split it into several requests)`, {
              extensions: { code: 'BAD_USER_INPUT', field: 'points', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
