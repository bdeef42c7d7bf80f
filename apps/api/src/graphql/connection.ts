/**
 * Relay connections: the `first`/`last` cap and window, and building `{ edges, nodes, pageInfo, totalCount }` from a page fetched by
 * a keyset query or from a short list already in memory (offset cursors).
 */
import type { KeysetWindow } from '@classfit/db';
import { BadUserInputError } from '../services/errors.ts';

/** The most items one page may hold (DESIGN.md §5). */
export const MAX_PAGE_SIZE = 100;

/** Arguments of a connection that pages both ways. */
export interface WindowArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

/**
 * Validates a connection's window: forwards (`first`/`after`, `first` defaulting to `fallback`) or backwards
 * (`last`/`before`); mixing the two directions is BAD_USER_INPUT naming the argument at fault.
 */
export function connectionWindow(args: WindowArgs, fallback = 20): KeysetWindow {
  const backwards = args.last != null || args.before != null;
  if (!backwards) return { first: pageSize(args.first, fallback), after: args.after };
  if (args.first != null) throw new BadUserInputError('first', 'give `first`/`after` to page forwards or `last`/`before` to page backwards, not both');
  if (args.after != null) throw new BadUserInputError('after', 'give `first`/`after` to page forwards or `last`/`before` to page backwards, not both');
  return { last: pageSize(args.last, fallback, 'last'), before: args.before };
}

/** A connection as the schema's `XConnection` types expect. */
export interface Connection<T> {
  readonly edges: { cursor: string; node: T }[];
  readonly nodes: T[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  readonly totalCount: number;
}

/** Validates `first`: an integer in 0..100 (null/undefined → `fallback`); over the cap is BAD_USER_INPUT. */
export function pageSize(first: number | null | undefined, fallback = 20, argument = 'first'): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(argument, `must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return first;
}

/** A connection over one fetched page: `rows` carry their own cursors. */
export function connectionFromPage<T>(
  page: { rows: readonly T[]; totalCount: number; hasNextPage: boolean; hasPreviousPage?: boolean },
  cursorOf: (row: T) => string,
  hasPreviousPage: boolean = page.hasPreviousPage ?? false,
): Connection<T> {
  const edges = page.rows.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    nodes: [...page.rows],
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}

const offsetCursor = (offset: number): string => Buffer.from(`offset:${offset}`, 'utf8').toString('base64');

function decodeOffset(cursor: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new BadUserInputError('after', `"${cursor}" is not a cursor of this connection`);
  return Number(match[1]);
}

/** A connection over a complete, ordered in-memory list (a few hundred items at most), with offset cursors. */
export function connectionFromArray<T>(items: readonly T[], args: { first?: number | null; after?: string | null }, fallback = 100): Connection<T> {
  const first = pageSize(args.first, fallback);
  const start = args.after ? decodeOffset(args.after) + 1 : 0;
  const slice = items.slice(start, start + first);
  const edges = slice.map((node, i) => ({ cursor: offsetCursor(start + i), node }));
  return {
    edges,
    nodes: slice,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: items.length,
  };
}

/** Decodes an id cursor made by {@link idCursor}. */
export function decodeIdCursor(cursor: string | null | undefined): number | undefined {
  if (!cursor) return undefined;
  const match = /^id:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new BadUserInputError('after', `"${cursor}" is not a cursor of this connection`);
  return Number(match[1]);
}

/** A cursor for id-ordered pages. */
export function idCursor(row: { id: number }): string {
  return Buffer.from(`id:${row.id}`, 'utf8').toString('base64');
}
