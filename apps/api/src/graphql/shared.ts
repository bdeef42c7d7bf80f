/** One-line helpers the resolver files share. */
import type { NodeType } from '../services/views/global-id.ts';
import { toGlobalId } from '../services/views/global-id.ts';
import type { GraphQLContext } from './context.ts';

/** `id` resolver of a node type backed by a row with a numeric `id`. */
export const globalIdOf =
  (type: NodeType) =>
  (row: { id: number }): string =>
    toGlobalId(type, row.id);

/** Lower-case store values (`succeeded`, `high`) as GraphQL enum values (`SUCCEEDED`, `HIGH`). */
export function upper<T extends string>(value: T): Uppercase<T>;
export function upper<T extends string>(value: T | null | undefined): Uppercase<T> | null;
export function upper(value: string | null | undefined): string | null {
  return value == null ? null : value.toUpperCase();
}

/**
 * The row a stored reference names (a foreign key: a run's model, a fit's layer). The store's constraints keep it
 * present; if it is not, the field fails as an internal error (masked for the client, logged).
 */
export async function referenced<T>(loader: { load(id: number): Promise<T | undefined> }, id: number, type: string): Promise<T> {
  const row = await loader.load(id);
  if (row === undefined) throw new Error(`${type} ${id} is referenced but missing from the store`);
  return row;
}

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

/** A row stored per (run, layer). */
type Located = { runId: number; layerId: number };

/** `layer` resolver of a per-(run, layer) row. */
export const layerOf = (row: Located, _: unknown, ctx: GraphQLContext) => referenced(ctx.loaders.layer, row.layerId, 'Layer');

/** `fitRun` resolver of a per-(run, layer) row. */
export const runOf = (row: Located, _: unknown, ctx: GraphQLContext) => referenced(ctx.loaders.fitRun, row.runId, 'FitRun');
