import { describe, expect, it } from 'vitest';
import { drawSubsets, memorizationFromCorrectness } from './memorization-estimator.ts';

describe('drawSubsets', () => {
  it('puts every example in exactly round(fraction·M) subsets, reproducibly', () => {
    const a = drawSubsets(50, 10, 0.7, 9);
    const b = drawSubsets(50, 10, 0.7, 9);
    expect(a.map((s) => Array.from(s))).toEqual(b.map((s) => Array.from(s)));
    const count = new Int32Array(50);
    for (const s of a) {
      expect(new Set(s).size).toBe(s.length);
      expect(Array.from(s)).toEqual(Array.from(s).sort((x, y) => x - y));
      for (const i of s) count[i]++;
    }
    // Each example in exactly 7 of 10 subsets: always held in and held out.
    expect(Array.from(count).every((c) => c === 7)).toBe(true);
    // Subset sizes average fraction·n = 35 exactly (50 · 7 / 10).
    expect(a.reduce((t, s) => t + s.length, 0) / a.length).toBe(35);
    expect(Array.from(a[0])).not.toEqual(Array.from(a[1]));
  });
});

describe('memorizationFromCorrectness', () => {
  const n = 40;
  const models = 200;
  const subsets = drawSubsets(n, models, 0.7, 1);
  const member = subsets.map((s) => {
    const m = new Uint8Array(n);
    for (const i of s) m[i] = 1;
    return m;
  });

  it('recovers an oracle that memorizes exactly the even examples', () => {
    // Oracle: correct on an odd example always; on an even example only when it was trained on it.
    // So mem = 1 for even, 0 for odd, with zero variance on each side (s.e. 0).
    const correct = member.map((m) => Uint8Array.from(m, (isIn, i) => (i % 2 === 1 || isIn ? 1 : 0)));
    const est = memorizationFromCorrectness(correct, subsets);
    for (let i = 0; i < n; i++) {
      expect(est.mem[i]).toBe(i % 2 === 0 ? 1 : 0);
      expect(est.se[i]).toBe(0);
      expect(est.inCount[i] + est.outCount[i]).toBe(models);
    }
  });

  it('gives mem ≈ 0 with the binomial standard error for a classifier that ignores training', () => {
    // Correct with probability ½ independently of membership: E[mem] = 0 and
    // s.e. ≈ √(¼/M_in + ¼/M_out) ≈ √(¼/140 + ¼/60) ≈ 0.077; the mean of 40 estimates is within ~4 s.e./√40.
    let state = 12345;
    const coin = () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 16) & 1;
    const correct = member.map(() => Uint8Array.from({ length: n }, coin));
    const est = memorizationFromCorrectness(correct, subsets);
    const meanMem = est.mem.reduce((a, b) => a + b, 0) / n;
    const meanSe = est.se.reduce((a, b) => a + b, 0) / n;
    expect(meanSe).toBeGreaterThan(0.06);
    expect(meanSe).toBeLessThan(0.095);
    expect(Math.abs(meanMem)).toBeLessThan((4 * meanSe) / Math.sqrt(n));
    // The s.e. should describe the actual spread of the estimates (ratio near 1).
    const sd = Math.sqrt(est.mem.reduce((a, b) => a + (b - meanMem) ** 2, 0) / (n - 1));
    expect(sd / meanSe).toBeGreaterThan(0.6);
    expect(sd / meanSe).toBeLessThan(1.5);
  });

  it('returns NaN when an example was never held out', () => {
    const all = [Int32Array.from({ length: 3 }, (_, i) => i), Int32Array.from({ length: 3 }, (_, i) => i)];
    const est = memorizationFromCorrectness([new Uint8Array([1, 1, 0]), new Uint8Array([1, 0, 0])], all);
    expect(est.mem[0]).toBeNaN();
    expect(est.se[0]).toBeNaN();
  });
});
