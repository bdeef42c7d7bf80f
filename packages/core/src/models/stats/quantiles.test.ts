import { describe, expect, it } from 'vitest';
import reference from './fixtures/reference.json' with { type: 'json' };
import { clopperPearsonLower } from './clopper-pearson.ts';
import { betaQuantile, regularizedIncompleteBeta } from './incomplete-beta.ts';
import { normalQuantile } from './normal-quantile.ts';

describe('edge cases', () => {
  it('returns the limits and NaN for invalid input', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(Number.NaN)).toBeNaN();
    expect(normalQuantile(1.5)).toBeNaN();
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(betaQuantile(0.5, -1, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 15); // Beta(1,1) is uniform
    expect(clopperPearsonLower(0, 100, 0.001)).toBe(0);
  });
});

describe('against scipy 1.10 (fixtures/make_reference.py)', () => {
  it.each(reference.normal)('Φ⁻¹($p)', ({ p, ppf }) => {
    // AS 241 is accurate to ~1e-16 relative; 1e-13 allows for the last bits of scipy's own ndtri.
    expect(Math.abs(normalQuantile(p) - ppf)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(ppf)));
  });

  it.each(reference.beta)('Beta($a, $b).ppf($p)', ({ a, b, p, ppf }) => {
    const got = betaQuantile(p, a, b);
    // Compare in probability space (the CDF is what the bound is defined by) and in x:
    // the continued fraction is good to ~1e-13 relative for these a, b; bisection resolves x to 1 ulp.
    expect(Math.abs(regularizedIncompleteBeta(got, a, b) - p), `cdf at got ${got}`).toBeLessThanOrEqual(1e-9 * Math.max(p, 1e-6));
    expect(Math.abs(got - ppf), `got ${got}, scipy ${ppf}`).toBeLessThanOrEqual(1e-9 * Math.max(ppf, 1e-12) + 1e-15);
  });

  it.each(reference.clopperPearson)('Clopper–Pearson lower bound $k/$n at α=$alpha', ({ k, n, alpha, lower }) => {
    expect(Math.abs(clopperPearsonLower(k, n, alpha) - lower)).toBeLessThanOrEqual(1e-10);
  });
});
