import { describe, expect, it } from 'vitest';
import { blockBytes, createSimilarityCache, type SimilarityBlock } from './similarity-cache.ts';

const block = (cells: number): SimilarityBlock => ({ values: new Float64Array(cells), rows: 1, columns: cells, exampleCount: 10 });

describe('similarity cache', () => {
  it('shares a computation in flight, keeps its result, and forgets a failure', async () => {
    const cache = createSimilarityCache();
    let computed = 0;
    const compute = async () => {
      computed++;
      return block(2);
    };
    const [first, second] = await Promise.all([cache.load('k', compute), cache.load('k', compute)]);
    expect(first).toBe(second);
    expect(computed).toBe(1);
    expect(cache.bytes).toBe(16);
    await expect(cache.load('bad', () => Promise.reject(new Error('unreadable')))).rejects.toThrow('unreadable');
    expect(cache.has('bad')).toBe(false);
    expect(cache.has('k')).toBe(true);
  });

  it('evicts the least recently used past its entry count or byte budget, but keeps the newest', async () => {
    const cache = createSimilarityCache(2, blockBytes(block(4)) * 2);
    await cache.load('a', async () => block(4));
    await cache.load('b', async () => block(4));
    await cache.load('a', async () => block(4)); // a is now the most recent
    await cache.load('c', async () => block(4));
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    await cache.load('huge', async () => block(100));
    expect(cache.size).toBe(1);
    expect(cache.has('huge')).toBe(true);
  });
});
