import { describe, expect, it } from 'vitest';
import { downsample } from './downsample.ts';

describe('downsample', () => {
  it('returns short series unchanged', () => {
    expect(downsample([3, 1, 2])).toEqual({ totalPoints: 3, x: [0, 1, 2], y: [3, 1, 2] });
  });

  it('keeps first, last and every bucket extreme, within maxPoints, deterministically', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50) + (i === 4321 ? 10 : 0) - (i === 777 ? 10 : 0));
    const out = downsample(values, { maxPoints: 100 });
    expect(out.totalPoints).toBe(10_000);
    expect(out.x.length).toBeLessThanOrEqual(100);
    expect(out.x[0]).toBe(0);
    expect(out.x.at(-1)).toBe(9_999);
    expect(out.x).toContain(4321);
    expect(out.x).toContain(777);
    expect([...out.x].sort((a, b) => a - b)).toEqual(out.x);
    expect(new Set(out.x).size).toBe(out.x.length);
    expect(downsample(values, { maxPoints: 100 })).toEqual(out);
  });

  it('cuts the range before reducing', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const out = downsample(values, { from: 100, to: 400, maxPoints: 10 });
    expect(out.totalPoints).toBe(300);
    expect(out.x[0]).toBe(100);
    expect(out.x.at(-1)).toBe(399);
    expect(out.y).toEqual(out.x);
  });

  it('rejects an out-of-range maxPoints', () => {
    expect(() => downsample([1, 2], { maxPoints: 1 })).toThrow(expect.objectContaining({ field: 'maxPoints' }));
  });
});
