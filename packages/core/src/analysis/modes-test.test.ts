import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { rejection } from '../testing/rejection.ts';
import { criticalBandwidth, kdeModeCount } from './kde-modes.ts';
import { testUnimodality } from './modes-test.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const figures = JSON.parse(readFileSync(path.resolve(repoRoot, '../shared/data/paper_figures.json'), 'utf8'));
const paperMeans = (panel: string): number[] => figures.fig1_figA7_class_conditional_logdensity[panel].class_mean_logdensity_sorted;

/** C values: a 57/43 mixture of two modes (the paper's RN18 stage 4 shape) or one normal mode. */
function sample(kind: 'two' | 'one' | 'skewed', c: number, seed: number): Float64Array {
  const rng = createRng(seed, 0);
  return Float64Array.from({ length: c }, (_, i) => {
    if (kind === 'two') return i < 0.57 * c ? -78 + 12 * rng.normal() : -3 + 3 * rng.normal();
    if (kind === 'one') return 10 * rng.normal();
    return -Math.exp(0.6 * rng.normal()) * 10; // unimodal, skewed (a tail of hard classes)
  });
}

describe('kdeModeCount and criticalBandwidth', () => {
  it('counts the modes of well-separated clusters and merges them as h grows', () => {
    const values = [0, 0.1, -0.1, 10, 10.2, 9.9, 20, 20.1];
    expect(kdeModeCount(values, 0.5)).toBe(3);
    expect(kdeModeCount(values, 30)).toBe(1);
    const h1 = criticalBandwidth(values);
    expect(kdeModeCount(values, h1)).toBe(1);
    expect(kdeModeCount(values, h1 * 0.99)).toBeGreaterThan(1);
    // Two equal points masses at ±a: bimodal exactly when a > h (two Gaussians of s.d. h, separation 2a > 2h).
    expect(criticalBandwidth([-1, 1])).toBeCloseTo(1, 3);
  });
});

describe('testUnimodality (Silverman bandwidth test)', () => {
  it.each([100, 40])('finds the second mode of a 57/43 mixture of %i class means (p < 0.01)', (c) => {
    const result = testUnimodality(sample('two', c, 7), { rng: createRng(1, 0), replicates: 500 });
    expect(result.pValue).toBeLessThan(0.01);
    expect(result.modesAtHalfBandwidth).toBeGreaterThanOrEqual(2);
  });

  it.each(['one', 'skewed'] as const)('does not find a second mode in %s-mode class means', (kind) => {
    const result = testUnimodality(sample(kind, 100, 7), { rng: createRng(1, 0), replicates: 500 });
    expect(result.pValue).toBeGreaterThan(0.1);
  });

  it('keeps its level: at most 10 % of 40 unimodal data sets rejected at 5 % (the test is conservative)', () => {
    let rejected = 0;
    for (let s = 0; s < 40; s++) if (testUnimodality(sample('one', 30, 100 + s), { rng: createRng(s, 1), replicates: 200 }).pValue < 0.05) rejected++;
    // Binomial(40, 0.05): P(≥ 5) ≈ 0.14 at the nominal level; a conservative test rejects fewer.
    expect(rejected).toBeLessThanOrEqual(4);
  });

  it('has power on the digitised paper figures: stage 4 of every network two modes, stages 1–2 one', () => {
    for (const net of ['ResNet18 | CIFAR-100', 'ResNet50 | CIFAR-100', 'ResNet18 | Mini-ImageNet', 'ResNet50 | Mini-ImageNet']) {
      expect(testUnimodality(paperMeans(`${net}, Stage 4`), { rng: createRng(2, 0), replicates: 200 }).pValue, net).toBeLessThan(0.01);
      for (const stage of [1, 2]) {
        expect(testUnimodality(paperMeans(`${net}, Stage ${stage}`), { rng: createRng(2, 0), replicates: 200 }).pValue, `${net} stage ${stage}`).toBeGreaterThan(0.05);
      }
    }
  });

  it('is invariant to shifting and scaling all values and to their order (same seed)', () => {
    const values = sample('two', 30, 3);
    const base = testUnimodality(values, { rng: createRng(4, 0), replicates: 300 });
    const moved = testUnimodality(values.map((v) => 2.5 * v - 40), { rng: createRng(4, 0), replicates: 300 });
    expect(moved.pValue).toBe(base.pValue);
    expect(moved.criticalBandwidth).toBeCloseTo(2.5 * base.criticalBandwidth, 6);
    const reversed = testUnimodality(Float64Array.from(values).reverse(), { rng: createRng(4, 0), replicates: 300 });
    expect(Math.abs(reversed.pValue - base.pValue)).toBeLessThan(0.08); // another bootstrap stream: Monte-Carlo noise only
  });

  it('rejects too few, non-finite or constant values', () => {
    expect(rejection(() => testUnimodality([1, 2], { rng: createRng(0, 0) })).parameter).toBe('values');
    expect(rejection(() => testUnimodality([1, NaN, 2], { rng: createRng(0, 0) })).message).toContain('entry 1');
    expect(rejection(() => testUnimodality([3, 3, 3], { rng: createRng(0, 0) })).message).toContain('equal');
    expect(rejection(() => testUnimodality([1, 2, 3], { rng: createRng(0, 0), replicates: 0 })).parameter).toBe('replicates');
  });
});
