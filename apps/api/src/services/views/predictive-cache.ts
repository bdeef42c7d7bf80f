/**
 * Stored predictive mixtures, parsed once and kept in a small process-wide LRU. Artifacts are content-addressed
 * (the key is the hash of the bytes), so a cached entry can never go stale and sharing it across requests is safe.
 * Both stored forms load: the binary `.npz` (classfit.predictive-arrays/v1) and the JSON of older runs.
 */
import { readPredictiveFile, type PredictiveModel } from '@classfit/core/density';
import type { ArtifactStore } from '@classfit/db';
import { createPromiseLru } from './promise-lru.ts';

/** Loads predictive models by artifact key. */
export interface PredictiveCache {
  load(store: ArtifactStore, key: string): Promise<PredictiveModel>;
  /** Number of models held (for tests). */
  readonly size: number;
  /** Estimated bytes the held models occupy (see {@link modelMemoryBytes}). */
  readonly bytes: number;
}

/**
 * Memory a loaded model takes while it is being scored: its own locations and Cholesky factors, plus the
 * scoring kernel's copies of them and of the inverse factors (core density/prepared-model.ts) — 3 × Σ_k (d + d²)
 * float64s. A paper-scale stage-4 layer (100 classes × 20 traces × ~6 components, d = 64) is ≈ 1.2 GB.
 */
export function modelMemoryBytes(model: PredictiveModel): number {
  const d = model.dim;
  const components = model.classes.reduce((s, c) => s + c.components.length, 0);
  return 3 * components * (d + d * d) * 8;
}

const DEFAULT_BUDGET_BYTES = 2 * 1024 ** 3;

/**
 * An LRU of parsed models held within `budgetBytes` (default 2 GiB; the most recent model is kept even if it
 * alone is larger) and at most `maxEntries` models (default 8).
 */
export function createPredictiveCache(maxEntries = 8, budgetBytes = DEFAULT_BUDGET_BYTES): PredictiveCache {
  const lru = createPromiseLru(maxEntries, budgetBytes, modelMemoryBytes);
  return {
    get size() {
      return lru.size;
    },
    get bytes() {
      return lru.bytes;
    },
    load: (store, key) => lru.load(key, () => readPredictiveFile(store.path(key))),
  };
}
