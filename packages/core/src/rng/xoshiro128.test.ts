import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreRng } from './index.ts';
import { nextUint32, seedXoshiro128, type Xoshiro128State } from './xoshiro128.ts';

// Outputs of the C reference transcribed independently in make_rng_fixtures.py.
const reference = JSON.parse(readFileSync(join(import.meta.dirname, 'rng.reference.json'), 'utf8')).xoshiro128StarStar as {
  state: Xoshiro128State;
  outputs: number[];
  uniforms: number[];
};

describe('xoshiro128**', () => {
  it('reproduces the reference outputs from the state (1, 2, 3, 4)', () => {
    const state = [...reference.state] as Xoshiro128State;
    expect(Array.from({ length: reference.outputs.length }, () => nextUint32(state))).toEqual(reference.outputs);
  });

  it('builds 53-bit uniforms from two consecutive outputs', () => {
    const rng = restoreRng({ words: [...reference.state] as Xoshiro128State, spareNormal: null });
    expect(Array.from({ length: reference.uniforms.length }, () => rng.uniform())).toEqual(reference.uniforms);
  });

  it('gives distinct states to 10,000 streams of one seed, seed 0 included', () => {
    // seed ^ (stream + 1)·odd constant is a bijection in the stream, and so is splitmix32's first
    // output in its input, so the first word alone must already differ.
    for (const seed of [0, 12345]) {
      const firstWords = new Set<number>();
      for (let stream = 0; stream < 10_000; stream++) firstWords.add(seedXoshiro128(seed, stream)[0]);
      expect(firstWords.size).toBe(10_000);
    }
  });

  it('never yields the all-zero state', () => {
    for (let seed = 0; seed < 1000; seed++) expect(seedXoshiro128(seed, 0).some((w) => w !== 0)).toBe(true);
  });
});
