/**
 * The split's evidence and the chains' agreement through the whole pipeline (import → analyze → stored rows),
 * on two synthetic layers of the same 12 classes: one whose class mean log-densities form two modes, one whose
 * class means come from one unimodal population. Only the class spreads differ, so the log-densities are known
 * in shape: a Gaussian class of scale σ in d dimensions has mean log-density −d·ln σ + const.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNpy } from '@classfit/core/io';
import { createRng } from '@classfit/core/rng';
import { classFitsByRunIds, groupSplitsByRunIds, layersByModelIds, type ClassFitRow, type GroupSplitRow } from '@classfit/db';
import { testEngines } from '@classfit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context/app-context.ts';
import { openTestContext } from '../../testing/test-context.ts';
import { requestAnalysis, runAnalysis } from '../analyze-model.ts';
import { importModel } from '../import-model.ts';
import { explicitSource } from '../import/source-layout.ts';
import { splitPasses } from './split-evidence.ts';

const CLASSES = 12;
const PER_CLASS = 40;
const D = 4;

/** Φ⁻¹ by bisection (enough for 12 quantiles). */
function normalQuantile(p: number): number {
  let lo = -8;
  let hi = 8;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    const cdf = 0.5 * (1 + erf(mid / Math.SQRT2));
    if (cdf < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7).
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/**
 * Layer points [n, D]. `two`: classes 0–5 tight (σ = 0.5), classes 6–11 four times wider and a quarter of their
 * examples six times wider still (outliers, so their per-example log-densities also spread more — the paper's
 * s.d. contrast); the class means then sit in two clumps ≳ 4·ln 4 ≈ 5.5 nats apart, ≈ 0.2 nats wide each. `one`:
 * ln σ_c at the 12 normal quantiles × 0.35, so the class means are a smooth one-mode (Gaussian-shaped) spread.
 */
function layerPoints(kind: 'two' | 'one', seed: number): Float64Array {
  const rng = createRng(seed, 0);
  const data = new Float64Array(CLASSES * PER_CLASS * D);
  for (let c = 0; c < CLASSES; c++) {
    const low = c >= CLASSES / 2;
    const sigma = kind === 'two' ? (low ? 2 : 0.5) * Math.exp(0.05 * rng.normal()) : Math.exp(0.35 * normalQuantile((c + 0.5) / CLASSES));
    for (let i = 0; i < PER_CLASS; i++) {
      const row = c * PER_CLASS + i;
      const scale = kind === 'two' && low && rng.uniform() < 0.25 ? 6 : 1;
      for (let j = 0; j < D; j++) data[row * D + j] = (j === c % D ? 10 + c : 0) + sigma * scale * rng.normal();
    }
  }
  return data;
}

describe('split significance and chain agreement through the pipeline', () => {
  let ctx: AppContext;
  let folder: string;
  let splits: Map<string, GroupSplitRow>;
  let fits: Map<string, ClassFitRow[]>;

  beforeAll(async () => {
    ctx = await openTestContext(testEngines()[0]);
    folder = await mkdtemp(join(tmpdir(), 'classfit-modes-'));
    const labels = Int32Array.from({ length: CLASSES * PER_CLASS }, (_, i) => Math.floor(i / PER_CLASS));
    await writeFile(join(folder, 'labels.npy'), writeNpy({ dtype: 'int32', shape: [labels.length], data: labels }));
    for (const kind of ['two', 'one'] as const) {
      await writeFile(join(folder, `${kind}.npy`), writeNpy({ dtype: 'float64', shape: [labels.length, D], data: layerPoints(kind, kind === 'two' ? 1 : 2) }));
    }
    await importModel(ctx, {
      name: 'modes', dataset: 'synthetic-modes', architecture: 'mlp2',
      source: explicitSource({
        layers: [{ name: 'two-modes', path: join(folder, 'two.npy') }, { name: 'one-mode', path: join(folder, 'one.npy') }],
        labelsPath: join(folder, 'labels.npy'),
      }),
    });
    // Default chains (2); 30 sweeps, 5 kept per chain; no KL or generative classification (not under test).
    const { run } = await requestAnalysis(ctx, 'modes', { iterations: 30, burnIn: 20, thin: 2, seed: 1, reduce: [D], entropySamples: 200, klSubsets: [], genclassSubsets: [] });
    await runAnalysis(ctx, run, { workers: 1 });
    const layers = new Map((await layersByModelIds(ctx.db, [run.modelId])).map((l) => [l.id, l.name]));
    splits = new Map((await groupSplitsByRunIds(ctx.db, [run.id])).map((s) => [layers.get(s.layerId)!, s]));
    const rows = await classFitsByRunIds(ctx.db, [run.id]);
    fits = new Map([...layers].map(([id, name]) => [name, rows.filter((r) => r.layerId === id)]));
  }, 300_000);
  afterAll(async () => {
    await ctx?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('passes the two-mode layer: small modes-test p, the wide classes low, an s.d. ratio above 1, every chain agrees', () => {
    const split = splits.get('two-modes')!;
    const layerFits = fits.get('two-modes')!;
    expect(layerFits.filter((f) => f.group === 'low').map((f) => f.label).sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10, 11]);
    // Two clumps ~5.5 nats apart, ~0.2 wide: a single mode would need a bandwidth near the gap, which the
    // smoothed bootstrap almost never needs — p is at its floor region, far below 0.05.
    expect(split.modesPValue!).toBeLessThan(0.01);
    expect(splitPasses(split.modesPValue)).toBe(true);
    expect(split.gapLow!).toBeGreaterThan(2);
    expect(split.gapLow!).toBeLessThanOrEqual(split.gap);
    expect(split.gapHigh!).toBeGreaterThanOrEqual(split.gap);
    // The outlier-laden low classes spread their per-example log-densities more than the Gaussian high classes.
    expect(split.sdRatioLow!).toBeGreaterThan(1);
    expect(split.stability!).toBeGreaterThan(0.95);
    expect(split.chainGaps).toHaveLength(2);
    expect(split.chainsAgreeing).toBe(2);
    expect(layerFits.every((f) => f.groupChainAgreement === 2)).toBe(true);
  });

  it('does not pass the one-mode layer, although the largest-gap rule still splits it', () => {
    const split = splits.get('one-mode')!;
    expect(split.lowCount + split.highCount).toBe(CLASSES);
    // Class means at normal quantiles: the least-smoothed unimodal density fits them, so bootstrap samples from
    // it look as multimodal as the data about as often as not (p well above any usual level).
    expect(split.modesPValue!).toBeGreaterThan(0.2);
    expect(splitPasses(split.modesPValue)).toBe(false);
  });

  it('stores every class\'s between-chain figures: per-chain values averaging to the pooled one, their s.d., both R-hats', () => {
    for (const layerFits of fits.values()) {
      for (const f of layerFits) {
        expect(f.chainMeanLogDensities).toHaveLength(2);
        const [a, b] = f.chainMeanLogDensities!;
        // Pooled log-averaged traces = mean of the chains' (float32 scoring: agreement to ~1e-6 relative).
        expect(Math.abs((a + b) / 2 - f.meanLogDensity!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(f.meanLogDensity!)));
        expect(f.meanLogDensityChainSd).toBeCloseTo(Math.abs(a - b) / Math.SQRT2, 12);
        expect(f.chainRelativeEntropies).toHaveLength(2);
        expect(f.relativeEntropyChainSd).toBeGreaterThanOrEqual(0);
        expect(f.diagnostics!.rHat).toBeGreaterThan(0);
        expect(f.diagnostics!.clusterCountRHat).toBeGreaterThan(0);
      }
    }
  });
});
