import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from './downsample';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('downsampleMinMax', () => {
  it('returns short series unchanged', () => {
    const out = downsampleMinMax({ x: [0, 1, 2], y: [5, 6, 7] }, 10);
    expect(out).toEqual({ x: [0, 1, 2], y: [5, 6, 7], totalPoints: 3 });
  });

  it('keeps first, last and every spike, within the budget', () => {
    const x = range(1000);
    const y = x.map((i) => (i === 437 ? 100 : i === 712 ? -100 : Math.sin(i / 50)));
    const out = downsampleMinMax({ x, y }, 50);
    expect(out.totalPoints).toBe(1000);
    expect(out.x.length).toBeLessThanOrEqual(50);
    expect(out.x[0]).toBe(0);
    expect(out.x.at(-1)).toBe(999);
    expect(out.x).toContain(437);
    expect(out.x).toContain(712);
    for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThan(out.x[i - 1]);
  });

  it('is deterministic', () => {
    const x = range(500);
    const y = x.map((i) => (i * 7919) % 13);
    expect(downsampleMinMax({ x, y }, 40)).toEqual(downsampleMinMax({ x, y }, 40));
  });

  it('rejects mismatched lengths and tiny budgets', () => {
    expect(() => downsampleMinMax({ x: [1, 2], y: [1] }, 10)).toThrow(RangeError);
    expect(() => downsampleMinMax({ x: [1, 2], y: [1, 2] }, 2)).toThrow(/maxPoints/);
  });
});
