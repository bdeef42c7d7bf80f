/**
 * graphql-ws on the same port and path as HTTP (`/graphql`): subscriptions (and queries) over WebSocket, with the
 * same armor limits (validation rules, token limit at parse time), a fresh context per operation, and the same
 * error mapping and masking as HTTP. The caller comes from the `connectionParams` of `connection_init`
 * (`{ authorization: "Bearer <token>" }` or `{ token }`), checked once per connection; a bad token makes every
 * operation of that connection fail with UNAUTHENTICATED and the reason.
 */
import type { Server } from 'node:http';
import { GraphQLError, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GraphQLContext } from '../graphql/context.ts';
import { formatGraphQLError } from '../graphql/errors.ts';
import type { Caller } from '../services/auth/caller.ts';
import { UnauthenticatedError, type ErrorLogger } from '../services/errors.ts';
import { callerOfConnection, type ServerAccess } from './access.ts';
import { createArmor, PARSE_OPTIONS } from './limits.ts';

/** Attaches the WebSocket endpoint to `httpServer`; returns a function that closes it. */
export function attachSubscriptions(
  httpServer: Server,
  schema: GraphQLSchema,
  context: (caller: Caller) => GraphQLContext,
  access: ServerAccess,
  logError: ErrorLogger,
): () => Promise<void> {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const rules = [...specifiedRules, ...createArmor().validationRules];
  // The caller of each connection (or why its token was refused), by connection context.
  const callers = new WeakMap<object, Caller | UnauthenticatedError>();
  const server = useServer<Record<string, unknown> | undefined, { context?: GraphQLContext }>(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          callers.set(ctx, await callerOfConnection(access, ctx.connectionParams));
        } catch (error) {
          if (!(error instanceof UnauthenticatedError)) throw error;
          callers.set(ctx, error);
        }
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const caller = callers.get(ctx);
        if (!caller || caller instanceof UnauthenticatedError) {
          return [new GraphQLError(caller?.message ?? 'connection was not initialised', { extensions: { code: 'UNAUTHENTICATED' } })];
        }
        let document;
        try {
          document = parse(payload.query, PARSE_OPTIONS);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors.map((e) => new GraphQLError(e.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const args: ExecutionArgs = { schema, document, variableValues: payload.variables, operationName: payload.operationName, contextValue: context(caller) };
        return args;
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!('errors' in result) || !result.errors) return result;
        return { ...result, errors: result.errors.map((e) => formatGraphQLError(e as GraphQLError, logError)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatGraphQLError(e as GraphQLError, logError)) as unknown as readonly GraphQLError[],
    },
    wss,
  );
  return async () => {
    await server.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
