/**
 * Cross-model similarity matrices computed on demand (cross-model-similarity.ts), kept in a small process-wide
 * LRU. The key names the activation artifacts compared, which are content-addressed (the hash of the bytes), so
 * an entry can never go stale and sharing it across requests and callers is safe; what a caller may read is
 * checked before the key is built. A computation in flight is shared too: aliased fields of one request, or two
 * requests at once, that ask for the same comparison wait on the same work.
 */
import { createPromiseLru, type PromiseLru } from './promise-lru.ts';

/** One measure (CKA or Procrustes) between every row representation and every column representation. */
export interface SimilarityBlock {
  /** [rows, columns] row-major (NaN where undefined). */
  readonly values: Float64Array;
  readonly rows: number;
  readonly columns: number;
  readonly exampleCount: number;
}

/** Similarity blocks by key (see {@link PromiseLru}: a hit costs nothing, so the request budget is charged only on a miss). */
export type SimilarityCache = PromiseLru<SimilarityBlock>;

/** Bytes of a block's matrix. */
export function blockBytes(block: SimilarityBlock): number {
  return block.values.byteLength;
}

/**
 * An LRU of similarity blocks within `budgetBytes` (default 16 MiB — a block of two 10-layer models is 800 bytes;
 * the bound is for stores with hundreds of layers) and at most `maxEntries` blocks (default 256); the most recent
 * block is kept even if it alone is larger.
 */
export function createSimilarityCache(maxEntries = 256, budgetBytes = 16 * 1024 ** 2): SimilarityCache {
  return createPromiseLru(maxEntries, budgetBytes, blockBytes);
}

/** The process's cache, shared by every request. */
export const sharedSimilarityCache: SimilarityCache = createSimilarityCache();
