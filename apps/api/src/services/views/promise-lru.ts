/**
 * The LRU behind the process-wide caches of the read side (parsed predictive models, similarity blocks): values
 * computed once per key, held within a byte budget and an entry count. A computation in flight is shared — two
 * loads of one key wait on the same promise — and a rejected one is forgotten, so the next load tries again.
 */

export interface PromiseLru<T> {
  /** The held value of `key` (now the most recent), or `compute()`'s, held once it resolves. */
  load(key: string, compute: () => Promise<T>): Promise<T>;
  /** Whether `key` is held or being computed. */
  has(key: string): boolean;
  /** Number of entries held. */
  readonly size: number;
  /** Bytes the resolved entries occupy, by `bytesOf`. */
  readonly bytes: number;
}

/**
 * An LRU of at most `maxEntries` values within `budgetBytes` (by `bytesOf` of each resolved value); the most recent
 * entry is kept even if it alone is larger.
 */
export function createPromiseLru<T>(maxEntries: number, budgetBytes: number, bytesOf: (value: T) => number): PromiseLru<T> {
  const entries = new Map<string, { value: Promise<T>; bytes: number }>();
  const total = () => [...entries.values()].reduce((s, e) => s + e.bytes, 0);
  const evict = () => {
    while (entries.size > 1 && (entries.size > maxEntries || total() > budgetBytes)) entries.delete(entries.keys().next().value!);
  };
  return {
    get size() {
      return entries.size;
    },
    get bytes() {
      return total();
    },
    has: (key) => entries.has(key),
    load(key, compute) {
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      const entry = { value: compute(), bytes: 0 };
      entries.set(key, entry);
      entry.value.then(
        (value) => {
          entry.bytes = bytesOf(value);
          evict();
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      evict();
      return entry.value;
    },
  };
}
