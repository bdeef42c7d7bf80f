import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { largestGapSplit } from './largest-gap-split.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const figures = JSON.parse(readFileSync(path.resolve(repoRoot, '../shared/data/paper_figures.json'), 'utf8'));
const fig1 = figures.fig1_figA7_class_conditional_logdensity as Record<string, { class_mean_logdensity_sorted: number[] }>;

describe('largestGapSplit (METHOD.md H.1, K.1 item 11)', () => {
  it('handles the edges: two classes, ties, bad input', () => {
    expect(largestGapSplit([5, 1])).toEqual({ threshold: 3, gap: 4, lowClasses: [1], highClasses: [0] });
    expect(largestGapSplit([0, 1, 2, 3]).lowClasses).toEqual([0]); // equal gaps: the lowest wins
    expect(() => largestGapSplit([1])).toThrow(InvalidArgumentError);
    expect(() => largestGapSplit([1, NaN])).toThrow(/entry 1/);
  });

  it('keeps the given labels and reports them ascending by mean', () => {
    const split = largestGapSplit([-80, 2, -75, 5, -90], [10, 11, 12, 13, 14]);
    expect(split.lowClasses).toEqual([14, 10, 12]);
    expect(split.highClasses).toEqual([11, 13]);
    expect(split.threshold).toBe(-36.5);
    expect(split.gap).toBe(77);
  });

  // Digitised stage-4 class means of the paper's Fig. 1; thresholds are printed to 2 decimals, so ±0.006.
  it.each([
    ['ResNet18 | CIFAR-100, Stage 4', 57, 43, -24.55],
    ['ResNet50 | CIFAR-100, Stage 4', 64, 36, -23.54],
    ['ResNet18 | Mini-ImageNet, Stage 4', 54, 46, -31.73],
    ['ResNet50 | Mini-ImageNet, Stage 4', 53, 47, -33.17],
  ])('reproduces %s: %i low / %i high at %d', (key, low, high, threshold) => {
    const means = fig1[key].class_mean_logdensity_sorted;
    // Shuffle deterministically so the function must sort.
    const shuffled = means.map((_, i) => means[(i * 37) % means.length]);
    const split = largestGapSplit(shuffled);
    expect(split.lowClasses).toHaveLength(low);
    expect(split.highClasses).toHaveLength(high);
    expect(Math.abs(split.threshold - threshold)).toBeLessThan(0.006);
    expect(Math.max(...split.lowClasses.map((c) => shuffled[c]))).toBeLessThan(split.threshold);
    expect(Math.min(...split.highClasses.map((c) => shuffled[c]))).toBeGreaterThan(split.threshold);
  });
});
