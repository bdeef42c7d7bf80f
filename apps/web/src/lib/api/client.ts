/**
 * The dashboard's one way to reach data: a GraphQL POST to the API from server code, with the signed-in user's
 * token (session.ts) as `Authorization: Bearer`. An UNAUTHENTICATED answer (no token where the server needs one,
 * or a token it refused) sends the reader to the sign-in page, which brings them back to the same view.
 * Responses are never cached (results change while jobs run). POST requests escape React's fetch memoisation,
 * so the fetchers that several sections share are wrapped in React's `cache()`: one request per render.
 */
import { redirect } from 'next/navigation';
import { env } from '@/env';
import type { TypedDocumentString } from '@/gql/graphql';
import { currentPath, sessionToken } from './session';

/** A GraphQL error reported by the API, with its `extensions.code` when there is one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly path: readonly (string | number)[] | undefined,
  ) {
    super(message);
  }
}

/** A GraphQL response body. */
export interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/**
 * Runs one operation; throws {@link ApiError} on any GraphQL error or a non-JSON reply. The document comes from
 * `graphql()` of `@/gql` (generated from the API's schema), so its result and variables are typed.
 */
export async function gql<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  const token = await sessionToken();
  const body = await post<TResult>(document.toString(), variables ?? {}, token);
  const first = body.errors?.[0];
  if (first?.extensions?.code === 'UNAUTHENTICATED') {
    const path = await currentPath();
    if (!path.startsWith('/sign-in')) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  if (first) throw new ApiError(first.message, first.extensions?.code, first.path);
  if (!body.data) throw new ApiError('The classfit API answered without data.', 'BAD_RESPONSE', undefined);
  return body.data;
}

/** One POST to the API with `token` (if any); the parsed GraphQL response, whatever its HTTP status. */
export async function post<TResult>(query: string, variables: unknown, token: string | undefined): Promise<GraphQLResponse<TResult>> {
  let response: Response;
  try {
    response = await fetch(env.CLASSFIT_API_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError(`The classfit API at ${env.CLASSFIT_API_URL} is unreachable (${(error as Error).message}).`, 'UNREACHABLE', undefined);
  }
  try {
    return (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new ApiError(`The classfit API answered HTTP ${response.status} without JSON.`, 'BAD_RESPONSE', undefined);
  }
}

/** The value of a lookup by id, or null when the API says the id names nothing (NOT_FOUND). */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
