import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { createRng, restoreRng, type Rng } from './index.ts';

const draw = (rng: Rng, count: number, f: (r: Rng) => number = (r) => r.uniform()) => Array.from({ length: count }, () => f(rng));

describe('createRng determinism', () => {
  it('same seed and stream give the same sequence', () => {
    expect(draw(createRng(42, 3), 1000)).toEqual(draw(createRng(42, 3), 1000));
    expect(draw(createRng(42, 3), 100, (r) => r.gamma(0.4, 2))).toEqual(draw(createRng(42, 3), 100, (r) => r.gamma(0.4, 2)));
  });

  it('seed 0 is a valid seed, different from seed 1 and from the default stream of other seeds', () => {
    const zero = draw(createRng(0), 20);
    expect(zero.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(new Set(zero).size).toBe(20);
    expect(zero).not.toEqual(draw(createRng(1), 20));
    expect(zero[0]).not.toBe(createRng(0, 1).uniform());
  });

  it('streams of one seed are different and uncorrelated', () => {
    const n = 100_000;
    const a = draw(createRng(7, 0), n);
    const b = draw(createRng(7, 1), n);
    // For independent uniforms the sample correlation has s.e. 1/√n; 5 s.e. = 0.0158.
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const [ma, mb] = [mean(a), mean(b)];
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) ** 2;
      sbb += (b[i] - mb) ** 2;
    }
    expect(Math.abs(sab / Math.sqrt(saa * sbb))).toBeLessThan(5 / Math.sqrt(n));
  });

  it('rejects a non-finite seed or stream', () => {
    expect(() => createRng(NaN)).toThrow(InvalidArgumentError);
    expect(() => createRng(1, Infinity)).toThrow(expect.objectContaining({ parameter: 'seed' }));
  });
});

describe('state / restoreRng', () => {
  it('continues exactly, including the cached spare normal', () => {
    const rng = createRng(99);
    rng.normal(); // the polar method makes two; the second is now cached
    const state = rng.state();
    expect(state.spareNormal).not.toBeNull();
    const mixed = (r: Rng) => [r.normal(), r.normal(), r.uniform(), r.gamma(0.5), r.normal(), r.beta(2, 3)];
    const restored = restoreRng(state);
    expect(mixed(restored)).toEqual(mixed(rng));
  });

  it('is a JSON-serialisable snapshot that later draws do not change', () => {
    const rng = createRng(5);
    rng.normal();
    const state = rng.state();
    const json = JSON.stringify(state);
    const expected = draw(restoreRng(JSON.parse(json)), 10, (r) => r.normal());
    draw(rng, 50);
    expect(JSON.stringify(state)).toBe(json);
    expect(draw(restoreRng(state), 10, (r) => r.normal())).toEqual(expected);
  });
});

describe('fillNormal', () => {
  // 1001 pairs' worth of draws passes the polar method's rejection (≈ 21% of pairs) many times.
  const lengths = [0, 1, 2, 3, 63, 64, 1001];
  const rngs = [createRng(0), createRng(42, 3), createRng(2 ** 40 + 7, 11), restoreRng({ words: [0xffffffff, 1, 0x80000000, 0x7fffffff], spareNormal: null })];

  it('writes out[from..to) exactly as that many normal() calls, and leaves the same state', () => {
    for (const [r, source] of rngs.entries()) {
      for (const pending of [false, true]) {
        for (const n of lengths) {
          const start = source.state();
          if (pending) start.spareNormal = -0.5 - r;
          const oneByOne = restoreRng(start);
          const batched = restoreRng(start);
          const want = new Float64Array(n + 3).fill(7);
          const got = new Float64Array(n + 3).fill(7);
          for (let i = 2; i < n + 2; i++) want[i] = oneByOne.normal();
          batched.fillNormal(got, 2, n + 2);
          got.forEach((v, i) => expect(Object.is(v, want[i]), `rng ${r}, spare ${pending}, n ${n}, i ${i}: ${v} vs ${want[i]}`).toBe(true));
          expect(batched.state()).toEqual(oneByOne.state());
        }
      }
    }
  });

  it('fills the whole array by default, and consecutive fills continue one stream', () => {
    const oneByOne = createRng(9);
    const want = Float64Array.from({ length: 10 }, () => oneByOne.normal());
    const batched = createRng(9);
    const got = new Float64Array(10);
    batched.fillNormal(got.subarray(0, 3));
    batched.fillNormal(got, 3);
    expect(Array.from(got)).toEqual(Array.from(want));
    expect(batched.state()).toEqual(oneByOne.state());
  });
});
