/**
 * Stored predictive mixtures, parsed once and kept in a small process-wide LRU. Artifacts are content-addressed
 * (the key is the hash of the bytes), so a cached entry can never go stale and sharing it across requests is safe.
 */
import { readPredictiveFile, type PredictiveModel } from '@classfit/core/density';
import type { ArtifactStore } from '@classfit/db';

/** Loads predictive models by artifact key. */
export interface PredictiveCache {
  load(store: ArtifactStore, key: string): Promise<PredictiveModel>;
  /** Number of models held (for tests). */
  readonly size: number;
}

/** An LRU of at most `maxEntries` parsed models (default 8: a model of 100 classes in d = 64 is ~10–50 MB). */
export function createPredictiveCache(maxEntries = 8): PredictiveCache {
  const entries = new Map<string, Promise<PredictiveModel>>();
  return {
    get size() {
      return entries.size;
    },
    load(store, key) {
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const loading = readPredictiveFile(store.path(key));
      entries.set(key, loading);
      loading.catch(() => entries.delete(key));
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return loading;
    },
  };
}
