import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * An API token of a user. The secret itself is never stored: only its SHA-256 (hex), which is what a
 * `Authorization: Bearer` request is looked up by. `prefix` (the first characters of the secret) is not
 * secret and only helps people tell their tokens apart.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What the token is for, e.g. `laptop` or `ci`. */
    name: text('name').notNull(),
    /** SHA-256 of the whole token string, lower-case hex (64 characters). */
    tokenHash: text('token_hash').notNull(),
    /** The token's first characters (e.g. `cft_k3J9x2`), shown in listings. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** After this instant the token is refused; null = no expiry. */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    /** Set once by revocation; a revoked token is refused for good. */
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** Last successful authentication (updated at most once a minute). */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_uq').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId),
    check('api_tokens_hash_ck', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);
