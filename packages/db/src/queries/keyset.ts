/**
 * Keyset pagination over sort keys plus the row id, forwards (`first`/`after`) and backwards (`last`/`before`).
 * Cursors carry every key as PostgreSQL's own text of the value and are bound back with a cast, so positions
 * round-trip exactly: timestamps to the microsecond, floats shortest-exact, ±Infinity included.
 */
import { asc, desc, sql, type SQL } from 'drizzle-orm';
import { InvalidCursorError } from './errors.ts';

/** One sort key: a non-null SQL expression and the type its cursor text is cast back to. */
export interface SortKey {
  readonly expr: SQL;
  readonly type: 'text' | 'int4' | 'float8' | 'timestamptz';
}

/** Which slice of the ordered list a page is: `first` rows after a cursor, or `last` rows before one. */
export type KeysetWindow =
  | { readonly first: number; readonly after?: string | null }
  | { readonly last: number; readonly before?: string | null };

/** How to scan for a window: the comparison against the cursor, the SQL order, and whether rows come back reversed. */
export interface KeysetScan {
  readonly limit: number;
  readonly cursor: string | null | undefined;
  readonly backwards: boolean;
  readonly op: '>' | '<';
  readonly order: typeof asc;
}

/** The scan for `window` under `direction`: a backwards page scans the opposite way and is reversed after. */
export function keysetScan(window: KeysetWindow, direction: 'asc' | 'desc'): KeysetScan {
  const backwards = 'last' in window;
  const ascending = (direction === 'asc') !== backwards;
  return {
    limit: backwards ? window.last : window.first,
    cursor: backwards ? window.before : window.after,
    backwards,
    op: ascending ? '>' : '<',
    order: ascending ? asc : desc,
  };
}

/** The cursor of a row: its keys' text (as selected by {@link keysetTexts}) and its id. */
export function encodeKeyset(texts: readonly string[], id: number): string {
  return Buffer.from(JSON.stringify({ k: texts, id })).toString('base64url');
}

function decodeKeyset(cursor: string, arity: number): { texts: string[]; id: number } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown; id?: unknown };
    if (Array.isArray(parsed.k) && parsed.k.length === arity && parsed.k.every((t) => typeof t === 'string') && Number.isInteger(parsed.id)) {
      return { texts: parsed.k as string[], id: parsed.id as number };
    }
  } catch {
    // reported below
  }
  throw new InvalidCursorError(cursor);
}

/** The keys as text, to select beside each row (`k0`, `k1`, …) and encode into its cursor. */
export function keysetTexts(keys: readonly SortKey[]): SQL<string>[] {
  return keys.map((key) => sql<string>`(${key.expr})::text`);
}

/** `(k…, id) op (cursor…)`: the rows strictly beyond the cursor in the scan's direction; throws on a foreign cursor. */
export function keysetCondition(keys: readonly SortKey[], id: SQL, scan: KeysetScan): SQL | undefined {
  if (!scan.cursor) return undefined;
  const { texts, id: cursorId } = decodeKeyset(scan.cursor, keys.length);
  const bound = texts.map((text, i) => sql`cast(${text} as ${sql.raw(keys[i].type)})`);
  const columns = sql.join([...keys.map((k) => k.expr), id], sql`, `);
  return sql`(${columns}) ${sql.raw(scan.op)} (${sql.join([...bound, sql`${cursorId}`], sql`, `)})`;
}

/** The ORDER BY of the scan: every key, then the id. */
export function keysetOrder(keys: readonly SortKey[], id: SQL, scan: KeysetScan): SQL[] {
  return [...keys.map((k) => scan.order(k.expr)), scan.order(id)];
}

/**
 * Trims the `limit + 1` rows fetched by a scan to the page, in list order, with what lies beyond it:
 * `hasNextPage`/`hasPreviousPage` as Relay defines them (the side the scan came from is known only as
 * "a cursor was given").
 */
export function keysetPage<T>(rows: readonly T[], scan: KeysetScan): { rows: T[]; hasNextPage: boolean; hasPreviousPage: boolean } {
  const more = rows.length > scan.limit;
  const page = rows.slice(0, scan.limit);
  if (scan.backwards) return { rows: page.reverse(), hasNextPage: Boolean(scan.cursor), hasPreviousPage: more };
  return { rows: page, hasNextPage: more, hasPreviousPage: Boolean(scan.cursor) };
}
