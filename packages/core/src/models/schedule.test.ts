import { describe, expect, it } from 'vitest';
import { oneCycleLearningRate } from './schedule.ts';

const schedule = { initial: 1e-6, peak: 0.4, final: 1e-6, warmupFraction: 0.15 };

describe('oneCycleLearningRate ("1e-6:0.4:1e-6:0.15:linear")', () => {
  it('starts at initial, peaks at 15 % of the steps and ends at final', () => {
    const total = 200;
    expect(oneCycleLearningRate(schedule, 0, total)).toBe(1e-6);
    expect(oneCycleLearningRate(schedule, 30, total)).toBeCloseTo(0.4, 12);
    expect(oneCycleLearningRate(schedule, total - 1, total)).toBeCloseTo(1e-6, 12);
    // Linear on both ramps: the midpoints are the averages of the ends.
    expect(oneCycleLearningRate(schedule, 15, total)).toBeCloseTo((1e-6 + 0.4) / 2, 12);
  });

  it('rises monotonically to the peak and falls monotonically after it', () => {
    const rates = Array.from({ length: 97 }, (_, s) => oneCycleLearningRate(schedule, s, 97));
    const peakAt = rates.indexOf(Math.max(...rates));
    for (let s = 1; s <= peakAt; s++) expect(rates[s]).toBeGreaterThan(rates[s - 1]);
    for (let s = peakAt + 1; s < rates.length; s++) expect(rates[s]).toBeLessThan(rates[s - 1]);
  });
});
