import { describe, expect, it } from 'vitest';
import { extent, luminance, ramp, makeColorScale, makeRowColorScales, MISSING_COLOR, niceTicks } from './color-scale';

describe('makeColorScale', () => {
  it('maps the ends of a sequential domain to the ends of viridis', () => {
    const scale = makeColorScale([-90, 5, -20]);
    expect(scale.domain).toEqual([-90, 5]);
    expect(scale.color(-90)).toBe('rgb(68, 1, 84)');
    expect(scale.color(5)).toBe('rgb(253, 231, 37)');
  });

  it('is monotone in luminance along viridis', () => {
    const scale = makeColorScale([0, 1]);
    const lum = [0, 0.25, 0.5, 0.75, 1].map((v) => luminance(scale.color(v)));
    for (let i = 1; i < lum.length; i++) expect(lum[i]).toBeGreaterThan(lum[i - 1]);
  });

  it('centres a diverging scale on zero', () => {
    const scale = makeColorScale([-2, 8], 'diverging');
    expect(scale.domain).toEqual([-8, 8]);
    // d3's RdBu: light grey at the centre, blue for negative, red for positive (clamped outside the domain)
    expect(scale.color(0)).toBe('rgb(242, 239, 238)');
    expect(scale.color(-8)).toBe('rgb(5, 48, 97)');
    expect(scale.color(100)).toBe('rgb(103, 0, 31)');
  });

  it('colours missing and non-finite values as missing', () => {
    const scale = makeColorScale([1, 2]);
    expect(scale.color(null)).toBe(MISSING_COLOR);
    expect(scale.color(Number.NaN)).toBe(MISSING_COLOR);
  });

  it('gives a constant domain the middle colour instead of NaN', () => {
    expect(makeColorScale([3, 3]).color(3)).toBe('rgb(33, 145, 140)');
  });
});

describe('extent', () => {
  it('skips null and non-finite values and falls back to [0, 1]', () => {
    expect(extent([null, 4, Number.NaN, -1, Infinity])).toEqual([-1, 4]);
    expect(extent([])).toEqual([0, 1]);
  });
});

describe('niceTicks', () => {
  it('returns round steps inside the range', () => {
    expect(niceTicks(-96.2, 6.6, 5)).toEqual([-80, -60, -40, -20, 0]);
    expect(niceTicks(0, 1, 6)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
  it('handles a degenerate range', () => {
    expect(niceTicks(2, 2)).toEqual([2]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
  });
});

describe('ramp', () => {
  it('clamps t to [0, 1] and writes every colour as rgb(r, g, b)', () => {
    const linear = ramp((t) => `rgb(${200 * t}, ${100 * t}, 0)`);
    expect(linear(0.5)).toBe('rgb(100, 50, 0)');
    expect(linear(2)).toBe('rgb(200, 100, 0)');
    expect(linear(-1)).toBe('rgb(0, 0, 0)');
    expect(linear(Number.NaN)).toBe('rgb(0, 0, 0)');
    expect(ramp(() => '#440154')(0)).toBe('rgb(68, 1, 84)');
  });
});

describe('makeRowColorScales', () => {
  it('spans each row over its own extent, so a narrow row still reaches both ends of viridis', () => {
    const [narrow, wide] = makeRowColorScales([[1.0, 1.5, 2.0], [-80, 0, 60]]);
    expect(narrow.domain).toEqual([1, 2]);
    expect(wide.domain).toEqual([-80, 60]);
    expect(narrow.color(1)).toBe('rgb(68, 1, 84)');
    expect(narrow.color(2)).toBe('rgb(253, 231, 37)');
    // on one shared scale the narrow row's ends lie within 1 % of its colour ramp of each other
    const shared = makeColorScale([1, 1.5, 2, -80, 0, 60]);
    expect(Math.abs(luminance(shared.color(2)) - luminance(shared.color(1)))).toBeLessThan(0.01);
  });

  it('keeps missing cells missing and gives an empty row the default domain', () => {
    const [row, empty] = makeRowColorScales([[null, 3, 4], [null, Number.NaN]]);
    expect(row.color(null)).toBe(MISSING_COLOR);
    expect(empty.domain).toEqual([0, 1]);
  });
});
