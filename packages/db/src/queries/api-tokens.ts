/**
 * API tokens: stored by the SHA-256 of the secret (the secret itself never reaches the database), looked up by
 * that hash, listed without it, revoked for good, and stamped with their last use at most once a minute.
 */
import { and, asc, eq, getTableColumns, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { apiTokens, users } from '../schema/index.ts';

/** A token row (hash included: never send it to a client). */
export type ApiTokenRow = typeof apiTokens.$inferSelect;
/** A token as listed: no hash, with its user's login. */
export type ApiTokenListing = Omit<ApiTokenRow, 'tokenHash'> & { readonly login: string };

/** Stores a new token's hash; returns the row. */
export async function insertApiToken(
  db: Db,
  input: { userId: number; name: string; tokenHash: string; prefix: string; expiresAt?: Date | null },
): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values({ ...input, expiresAt: input.expiresAt ?? null }).returning();
  return row;
}

/**
 * The token with this hash and its user, whatever their state (revoked, expired, disabled): the caller decides
 * and says why it refuses. Undefined when no token has this hash.
 */
export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<{ token: ApiTokenRow; user: typeof users.$inferSelect } | undefined> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row;
}

/** Records a use of the token, unless one was recorded in the last `minIntervalSeconds` (default 60): at most one write a minute per token. */
export async function touchApiToken(db: Db, id: number, minIntervalSeconds = 60): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - make_interval(secs => ${minIntervalSeconds})`))));
}

function tokenListing(where: SQL | undefined) {
  return (db: Db): Promise<ApiTokenListing[]> => {
    const { tokenHash: _hash, ...columns } = getTableColumns(apiTokens);
    return db
      .select({ ...columns, login: users.login })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(where)
      .orderBy(asc(apiTokens.id));
  };
}

/** Tokens (of one user, or all), oldest first, without their hashes. */
export async function listApiTokens(db: Db, options: { userId?: number } = {}): Promise<ApiTokenListing[]> {
  return tokenListing(options.userId === undefined ? undefined : eq(apiTokens.userId, options.userId))(db);
}

/** Revokes a token (idempotent: the first revocation time is kept); undefined when there is no such token. */
export async function revokeApiToken(db: Db, id: number): Promise<ApiTokenListing | undefined> {
  await db.update(apiTokens).set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` }).where(eq(apiTokens.id, id));
  const [row] = await tokenListing(eq(apiTokens.id, id))(db);
  return row;
}
