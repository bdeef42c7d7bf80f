/**
 * Rows read at one store data version (readDataVersion), shared by every request that read the same version: the
 * per-request DataLoaders look here before sending a statement. Nothing here depends on the caller — what a caller
 * may see is decided by the request's own scoped loaders on top (loaders.ts) — and nothing here outlives its
 * version: a request that reads a newer one starts an empty set. Bounded by an estimate of the cells held (numbers
 * and strings, array elements counted), the oldest entries going first.
 */

/** The rows of one version, by loader and key. */
export interface ReadsAtVersion {
  /** The value held (or being read) for `key`. */
  get(key: string): Promise<unknown> | undefined;
  /** Holds `value` for `key`; forgotten if it rejects. */
  set(key: string, value: Promise<unknown>): void;
}

/** The process's shared reads. */
export interface SharedReads {
  /** The set for `version`; undefined for a version older than the newest seen (its request reads for itself). */
  at(version: string): ReadsAtVersion | undefined;
}

/** Cells of `value` (numbers, strings, booleans, nulls; arrays and objects by their members), counting at most `limit`. */
export function cellsOf(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let cells = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && cells < limit) {
    const v = stack.pop();
    cells++;
    if (v === null || typeof v !== 'object' || v instanceof Date) continue;
    if (ArrayBuffer.isView(v)) cells += (v as unknown as { length?: number }).length ?? 0;
    else if (Array.isArray(v)) stack.push(...v);
    else stack.push(...Object.values(v));
  }
  return cells;
}

/** The rows of one version within `maxCells`. */
function readsWithin(maxCells: number): ReadsAtVersion {
  const entries = new Map<string, { value: Promise<unknown>; cells: number }>();
  let cells = 0;
  return {
    get: (key) => entries.get(key)?.value,
    set(key, value) {
      const entry = { value, cells: 0 };
      entries.set(key, entry);
      value.then(
        (resolved) => {
          if (entries.get(key) !== entry) return;
          entry.cells = cellsOf(resolved, maxCells + 1);
          cells += entry.cells;
          for (const [k, e] of entries) {
            if (cells <= maxCells) break;
            entries.delete(k);
            cells -= e.cells;
          }
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
    },
  };
}

/** Shared reads within `maxCells` (default 4 million: some hundred MB of rows at most). */
export function createSharedReads(maxCells = 4_000_000): SharedReads {
  let current = -1n;
  let reads = readsWithin(maxCells);
  return {
    at(version) {
      const v = BigInt(version);
      if (v < current) return undefined;
      if (v > current) {
        current = v;
        reads = readsWithin(maxCells);
      }
      return reads;
    },
  };
}
