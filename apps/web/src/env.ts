/**
 * The dashboard's only reader of `process.env`, validated once.
 * Server-side only: the browser never sees these values except where a page passes one down.
 */
import { z } from 'zod';

const schema = z.object({
  /** The GraphQL endpoint that server components query. */
  CLASSFIT_API_URL: z.url().default('http://127.0.0.1:4000/graphql'),
  /** The graphql-ws endpoint the browser subscribes to; derived from CLASSFIT_API_URL when unset. */
  CLASSFIT_API_WS_URL: z.url().optional(),
  /** How often (ms) the Jobs page re-fetches when the subscription is unavailable. */
  CLASSFIT_POLL_MS: z.coerce.number().int().min(250).max(60_000).default(2000),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(`apps/web: invalid environment: ${z.prettifyError(parsed.error)}`);
}

export const env = Object.freeze({
  ...parsed.data,
  CLASSFIT_API_WS_URL: parsed.data.CLASSFIT_API_WS_URL ?? parsed.data.CLASSFIT_API_URL.replace(/^http/, 'ws'),
});
