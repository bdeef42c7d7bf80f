import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatPredictive, parsePredictive, predictiveArrayPieces } from '@classfit/core/density';
import { createArtifactStore, type ArtifactStore } from '@classfit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPredictiveCache, modelMemoryBytes } from './predictive-cache.ts';

const fixture = (name: string) => new URL(`../../../../../packages/core/fixtures/density/${name}`, import.meta.url);

describe('predictive cache', () => {
  let root: string;
  let store: ArtifactStore;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'classfit-predictive-cache-'));
    store = createArtifactStore(root);
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('loads the binary form and the JSON of older runs to the same model', async () => {
    const json = await readFile(fixture('mixture-16.predictive.json'));
    const model = parsePredictive(JSON.parse(json.toString('utf8')));
    const jsonKey = await store.put(new Uint8Array(json), 'json');
    const npzKey = await store.putPieces(predictiveArrayPieces(model), 'npz');
    const cache = createPredictiveCache();
    const [fromJson, fromNpz] = await Promise.all([cache.load(store, jsonKey), cache.load(store, npzKey)]);
    expect(formatPredictive(fromNpz)).toBe(formatPredictive(fromJson));
    expect(await cache.load(store, npzKey)).toBe(fromNpz); // a hit returns the same object
    expect(cache.size).toBe(2);
  });

  it('holds models within a byte budget, least recently used first out, always keeping the newest', async () => {
    const keys = await Promise.all(
      ['mixture-2.predictive.json', 'mixture-16.predictive.json', 'mixture-64.predictive.json'].map(async (f) => store.put(new Uint8Array(await readFile(fixture(f))), 'json')),
    );
    const sizes: number[] = [];
    const probe = createPredictiveCache();
    for (const key of keys) sizes.push(modelMemoryBytes(await probe.load(store, key)));
    expect(sizes[2]).toBeGreaterThan(sizes[0] + sizes[1]);
    const cache = createPredictiveCache(8, sizes[0] + sizes[1]);
    await cache.load(store, keys[0]);
    await cache.load(store, keys[1]);
    expect([cache.size, cache.bytes]).toEqual([2, sizes[0] + sizes[1]]);
    await cache.load(store, keys[2]); // alone over the budget: the two older ones go, the newest stays
    await new Promise((r) => setImmediate(r));
    expect([cache.size, cache.bytes]).toEqual([1, sizes[2]]);
  });

  it('forgets a key whose artifact cannot be read, so a later load retries', async () => {
    const cache = createPredictiveCache();
    const missing = `${'a'.repeat(64)}.npz`;
    await expect(cache.load(store, missing)).rejects.toThrow(/no such file/);
    await new Promise((r) => setImmediate(r));
    expect(cache.size).toBe(0);
  });
});
