/** One-line helpers the resolver files share. */
import type { NodeType } from '../global-id.ts';
import { toGlobalId } from '../global-id.ts';

/** `id` resolver of a node type backed by a row with a numeric `id`. */
export const globalIdOf =
  (type: NodeType) =>
  (row: { id: number }): string =>
    toGlobalId(type, row.id);

/** Lower-case store values (`succeeded`, `high`) as GraphQL enum values (`SUCCEEDED`, `HIGH`). */
export const upper = (value: string | null | undefined): string | null => (value == null ? null : value.toUpperCase());

/** GraphQL `ASC`/`DESC` as the store's `asc`/`desc`. */
export const direction = (value: 'ASC' | 'DESC' | undefined): 'asc' | 'desc' => (value === 'DESC' ? 'desc' : 'asc');

/** Sorts a copy by a numeric key (nulls last in both directions), ties by `tie` ascending. */
export function sortBy<T>(rows: readonly T[], key: (row: T) => number | null, dir: 'asc' | 'desc', tie: (row: T) => number): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? tie(a) - tie(b) : x === null ? 1 : -1;
    return x === y ? tie(a) - tie(b) : sign * (x - y);
  });
}
