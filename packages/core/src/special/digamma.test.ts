import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digamma, lgamma } from './index.ts';

// scipy.special.psi on a grid: packages/core/fixtures/numerics/make_special_fixtures.py.
const reference: { digamma: [number, number][] } = JSON.parse(readFileSync(join(import.meta.dirname, 'special.reference.json'), 'utf8'));
/** ψ's only positive zero; relative error is meaningless there (ψ(x₀) = 0). */
const ROOT = 1.4616321449683622;

describe('digamma edge cases', () => {
  it('is NaN for NaN and −Infinity, +Infinity at +Infinity', () => {
    expect(digamma(NaN)).toBeNaN();
    expect(digamma(-Infinity)).toBeNaN();
    expect(digamma(Infinity)).toBe(Infinity);
  });

  it.each([0, -0, -1, -2, -50])('is NaN at the pole %d', (x) => {
    expect(digamma(x)).toBeNaN();
  });

  it('is −γ at 1 and vanishes at its positive root to within rounding', () => {
    expect(Math.abs(digamma(1) + 0.5772156649015329)).toBeLessThan(4e-15);
    // ψ'(x₀) ≈ 0.97, so one ulp of x₀ (2.2e-16) moves ψ by ≈ 2e-16; allow a few.
    expect(Math.abs(digamma(ROOT))).toBeLessThan(1e-15);
  });

  it('satisfies ψ(x + 1) = ψ(x) + 1/x and is the derivative of lgamma', () => {
    for (const x of [0.2, 1.3, 9.5, 10.5, 77]) {
      expect(Math.abs(digamma(x + 1) - digamma(x) - 1 / x)).toBeLessThan(1e-14 * Math.max(1, 1 / x));
      // Central difference with h = 1e-5: truncation h²·ψ''(x)/6 plus rounding ε·|lgamma|/h ≲ 1e-9.
      const h = 1e-5;
      expect(Math.abs((lgamma(x + h) - lgamma(x - h)) / (2 * h) - digamma(x))).toBeLessThan(1e-8);
    }
  });
});

// Relative 1e-13: the asymptotic series is applied at x ≥ 10 and truncated after the B₁₂ term,
// whose successor is < 1e-17·ψ(10); the upward recurrence adds ≤ 10 rounded terms (≈ 10 ulps of
// the largest, 1/x). The reflection's cotangent is taken of the exactly reduced x − round(x).
// Measured worst: 8e-15 at x = −0.5; 1e-13 leaves ≥ 10× margin. The root is tested absolutely above.
describe('digamma matches scipy.special.psi', () => {
  it.each(reference.digamma.filter(([x]) => x !== ROOT))('at x = %d', (x, want) => {
    const got = digamma(x);
    expect(Math.abs(got - want), `digamma(${x}) = ${got}, scipy ${want}`).toBeLessThanOrEqual(1e-13 * Math.abs(want));
  });
});
