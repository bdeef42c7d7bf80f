import { describe, expect, it } from 'vitest';
import { mahalanobisLower } from '../linalg/index.ts';
import { lgamma } from '../special/index.ts';
import { logGammaRatio, studentTLogPdf } from './student-t-log-pdf.ts';
import { flat, loadFixture } from './test-support.ts';

interface Case {
  d: number;
  df: number;
  loc: number[];
  scaleTril: number[][];
  points: number[][];
  logpdf: number[];
  gaussianLogpdf: number[];
}
const { cases } = loadFixture<{ cases: Case[] }>('density', 'student-t.json');

describe('studentTLogPdf', () => {
  it('returns NaN for a NaN coordinate and −∞ for an infinite one', () => {
    const l = Float64Array.of(1, 0, 0, 1);
    expect(studentTLogPdf([NaN, 0], [0, 0], l, 3, 2)).toBeNaN();
    expect(studentTLogPdf([Infinity, 0], [0, 0], l, 3, 2)).toBe(-Infinity);
  });

  it('is the standard Cauchy density for d = 1, ν = 1', () => {
    const l = Float64Array.of(1);
    for (const x of [0, 1, -3.5, 1e6]) expect(studentTLogPdf([x], [0], l, 1, 1)).toBeCloseTo(-Math.log(Math.PI * (1 + x * x)), 12);
  });

  // scipy.stats.multivariate_t(loc, shape = L Lᵀ, df).logpdf, d ∈ {1,2,16,64}, ν ∈ {3, 5.5, 50, 1e6},
  // near points and points at Mahalanobis² 1e2 and 1e4. Both sides are Float64: 1e-10 relative, plus
  // scipy's own error in gammaln((ν+d)/2) − gammaln(ν/2), each ≈ ν/2·ln(ν/2) with ~1e-15 relative
  // error (≈ 6e-9 absolute at ν = 1e6; ours uses a cancellation-free series there).
  it.each(cases.map((c) => [c.d, c.df, c] as const))('matches scipy for d = %i, ν = %d', (_d, _df, c) => {
    const l = flat(c.scaleTril);
    c.points.forEach((x, i) => {
      const got = studentTLogPdf(x, c.loc, l, c.df, c.d);
      const tolerance = 1e-10 * Math.abs(c.logpdf[i]) + 2e-15 * lgamma((c.df + c.d) / 2);
      expect(Math.abs(got - c.logpdf[i]), `point ${i}: got ${got}, want ${c.logpdf[i]}`).toBeLessThan(tolerance);
    });
  });

  // Across the switch at a = 100 the series and the lgamma difference agree to ~1e-12 (lgamma's error at 100).
  it('computes lnΓ(a+h) − lnΓ(a) continuously across the large-a series', () => {
    for (const h of [0.5, 8, 32]) {
      expect(Math.abs(logGammaRatio(100, h) - (lgamma(100 + h) - lgamma(100)))).toBeLessThan(1e-11);
      expect(Math.abs(logGammaRatio(99.999999, h) - logGammaRatio(100, h))).toBeLessThan(1e-5);
    }
    // lnΓ(a+½) − lnΓ(a) ≈ ½ ln a − 1/(8a): at a = 5e11 only the series keeps all digits.
    expect(logGammaRatio(5e11, 0.5)).toBeCloseTo(0.5 * Math.log(5e11) - 1 / 4e12, 12);
  });

  // As ν → ∞, log St − log N ≈ ((m − d)² − 2d) / (4ν) with m the squared Mahalanobis distance
  // (expand lnΓ ratios and ln(1 + m/ν) to O(1/ν)); allow twice that plus 1/ν.
  it('tends to the Gaussian log-pdf as ν → ∞', () => {
    for (const c of cases.filter((k) => k.df === 1e6)) {
      const l = flat(c.scaleTril);
      c.points.forEach((x, i) => {
        const diff = x.map((v, j) => v - c.loc[j]);
        const m = mahalanobisLower(l, c.d, diff, new Float64Array(c.d));
        const bound = (2 * (Math.abs((m - c.d) ** 2 - 2 * c.d) + 1)) / (4 * c.df);
        const got = studentTLogPdf(x, c.loc, l, c.df, c.d);
        expect(Math.abs(got - c.gaussianLogpdf[i]), `d=${c.d} point ${i} m=${m}`).toBeLessThan(bound);
        const nearer = studentTLogPdf(x, c.loc, l, 1e12, c.d);
        expect(Math.abs(nearer - c.gaussianLogpdf[i])).toBeLessThan(bound / 1e5 + 1e-6);
      });
    }
  });
});
