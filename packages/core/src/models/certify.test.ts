import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { type BatchClassifier, certifyOne } from './certify.ts';
import { normalQuantile } from './stats/normal-quantile.ts';

const x = new Float32Array([0.3, -1.2, 2]);

describe('certifyOne', () => {
  it('gives a constant classifier the closed-form radius σ·Φ⁻¹(α^(1/n))', () => {
    // Every vote goes to class 2, so n_A = n and the Clopper–Pearson bound is Beta(n, 1).ppf(α) = α^(1/n).
    const constant: BatchClassifier = (_inputs, count) => new Int32Array(count).fill(2);
    const options = { n0: 10, n: 1000, alpha: 0.001, sigma: 0.5, batchSize: 64 };
    const c = certifyOne(constant, x, 4, options, createRng(0));
    expect(c.prediction).toBe(2);
    expect(c.abstained).toBe(false);
    expect(c.countTop).toBe(1000);
    const expected = 0.5 * normalQuantile(Math.pow(0.001, 1 / 1000));
    expect(Math.abs(c.radius - expected), `radius ${c.radius} vs ${expected}`).toBeLessThan(1e-9);
  });

  it('abstains when the vote is split evenly', () => {
    // The sign of the first noisy coordinate of x = 0 decides: p_A ≈ ½, so p̲_A < ½ with overwhelming probability.
    const coin: BatchClassifier = (inputs, count) => Int32Array.from({ length: count }, (_, k) => (inputs[k * 3] > 0 ? 1 : 0));
    const c = certifyOne(coin, new Float32Array([0, 0, 0]), 2, { n0: 20, n: 2000, alpha: 0.001, sigma: 1 }, createRng(1));
    expect(c.abstained).toBe(true);
    expect(c.prediction).toBe(-1);
    expect(c.radius).toBe(0);
  });

  it('certifies a linear classifier with a radius below its true margin', () => {
    // f(z) = [z0 > 0]; at x0 = 1, σ = 1: P(f = 1) = Φ(1), so the exact smoothed radius is σ·Φ⁻¹(Φ(1)) = 1.
    // CERTIFY's bound is conservative: radius < 1, and with n = 20,000 within ~0.05 of it.
    const linear: BatchClassifier = (inputs, count) => Int32Array.from({ length: count }, (_, k) => (inputs[k * 3] > 0 ? 1 : 0));
    const c = certifyOne(linear, new Float32Array([1, 0, 0]), 2, { n0: 50, n: 20_000, alpha: 0.001, sigma: 1 }, createRng(2));
    expect(c.prediction).toBe(1);
    expect(c.radius).toBeLessThan(1);
    expect(c.radius).toBeGreaterThan(0.92);
  });

  it('rejects bad options naming the parameter', () => {
    const constant: BatchClassifier = (_inputs, count) => new Int32Array(count);
    expect(() => certifyOne(constant, x, 2, { alpha: 2 }, createRng(0))).toThrow(expect.objectContaining({ parameter: 'alpha' }));
  });
});
