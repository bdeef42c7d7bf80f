import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readNpzFile, toInt32Labels, toNumberArray } from '../io/index.ts';
import { classLogDensityStats, meanAndSd } from './class-log-density-stats.ts';
import { densityBins } from './density-bins.ts';
import { largestGapSplit } from './largest-gap-split.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const npz = path.resolve(repoRoot, '../shared/data/authors/memorization/resnet18/cifar100/mem_scores.npz');

describe('classLogDensityStats', () => {
  it('gives per-class mean and population s.d. ascending by label', () => {
    expect(classLogDensityStats([1, 3, 10, 2, 2], [7, 7, 1, 7, 1])).toEqual([
      { label: 1, count: 2, mean: 6, sd: 4 },
      { label: 7, count: 3, mean: 2, sd: Math.sqrt(2 / 3) },
    ]);
    expect(() => classLogDensityStats([1, NaN], [0, 0])).toThrow(/entry 1/);
  });
});

describe('densityBins on the real ResNet18/CIFAR-100 memorisation scores (METHOD.md H.3)', async () => {
  const arrays = await readNpzFile(npz);
  const mem = toNumberArray(arrays.tr_mem, 'tr_mem');
  const labels = toInt32Labels(arrays.tr_labels, 'tr_labels');
  // A synthetic, class-structured stand-in for log-densities: a class offset (classes ≥ 50 far higher, so
  // the two modes exist) minus 30 × memorisation, plus a deterministic per-example wiggle.
  const logDensity = Float64Array.from(mem, (m, i) => (labels[i] >= 50 ? 0 : -80) + labels[i] / 10 - 30 * m + Math.sin(i));
  const stats = classLogDensityStats(logDensity, labels);
  const split = largestGapSplit(stats.map((s) => s.mean), stats.map((s) => s.label));
  const high = new Set(split.highClasses);
  const bins = densityBins(logDensity, { binSize: 1000, scores: { memorization: mem }, highDensity: Array.from(labels, (l) => high.has(l)) });

  it('cuts 50,000 examples into 50 bins of 1,000, each example once, in log-density order', () => {
    expect(mem.length).toBe(50_000);
    expect(stats).toHaveLength(100);
    expect(stats.every((s) => s.count === 500)).toBe(true);
    expect(bins).toHaveLength(50);
    expect(bins.every((b) => b.count === 1000)).toBe(true);
    const seen = new Uint8Array(50_000);
    bins.forEach((b) => b.examples.forEach((i) => seen[i]++));
    expect(seen.every((v) => v === 1)).toBe(true);
    for (let b = 0; b + 1 < bins.length; b++) {
      const top = Math.max(...Array.from(bins[b].examples, (i) => logDensity[i]));
      const next = Math.min(...Array.from(bins[b + 1].examples, (i) => logDensity[i]));
      expect(top).toBeLessThanOrEqual(next);
    }
  });

  it('summarises memorisation and the high-density share per bin', () => {
    expect(split.highClasses).toHaveLength(50);
    for (const b of [bins[0], bins[24], bins[49]]) {
      const want = meanAndSd(Array.from(b.examples, (i) => mem[i]));
      expect(b.scores.memorization.mean).toBeCloseTo(want.mean, 12);
      expect(b.scores.memorization.sd).toBeCloseTo(want.sd, 12);
    }
    // Classes 50–99 sit 80 nats higher, so the first 25 bins hold only low-density classes, the last 25 only high.
    expect(bins.slice(0, 25).every((b) => b.highDensityShare === 0)).toBe(true);
    expect(bins.slice(25).every((b) => b.highDensityShare === 1)).toBe(true);
    // Within each regime log-density falls with memorisation, so bin-mean memorisation decreases.
    expect(bins[0].scores.memorization.mean).toBeGreaterThan(bins[24].scores.memorization.mean);
    expect(bins[25].scores.memorization.mean).toBeGreaterThan(bins[49].scores.memorization.mean);
  });

  it('makes a smaller last bin from a remainder and validates inputs', () => {
    const small = densityBins([3, 1, 2, 5, 4], { binSize: 2, scores: { s: [30, 10, 20, 50, 40] } });
    expect(small.map((b) => Array.from(b.examples))).toEqual([[1, 2], [0, 4], [3]]);
    expect(small[1].scores.s).toEqual({ mean: 35, sd: 5 });
    expect(() => densityBins([1, 2], { scores: { s: [1] } })).toThrow(/scores\.s/);
  });
});
