/**
 * The dashboard's one way to reach data: a GraphQL POST to the API from server code.
 * Responses are never cached (results change while jobs run). POST requests escape React's fetch memoisation,
 * so the fetchers that several sections share are wrapped in React's `cache()`: one request per render.
 */
import { env } from '@/env';

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

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/** Runs one operation; throws {@link ApiError} on any GraphQL error or a non-JSON reply. */
export async function gql<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(env.CLASSFIT_API_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: document, variables }),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError(`The classfit API at ${env.CLASSFIT_API_URL} is unreachable (${(error as Error).message}).`, 'UNREACHABLE', undefined);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The classfit API answered HTTP ${response.status} without JSON.`, 'BAD_RESPONSE', undefined);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code, first.path);
  if (!body.data) throw new ApiError(`The classfit API answered HTTP ${response.status} without data.`, 'BAD_RESPONSE', undefined);
  return body.data;
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

/** A tagged template that only marks GraphQL documents for editors; it returns the text unchanged. */
export const graphql = (strings: TemplateStringsArray, ...values: string[]): string =>
  strings.reduce((out, s, i) => out + s + (values[i] ?? ''), '');
