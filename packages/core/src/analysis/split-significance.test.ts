import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { rejection } from '../testing/rejection.ts';
import { splitSignificance } from './split-significance.ts';

/**
 * A synthetic layer's per-example log-densities: `classes` classes of `perClass` examples. With two modes (the
 * paper's shape) a low group with spread class means and wide per-example spread and a tight high group; with
 * one mode all class means from one normal and similar spreads.
 */
function layer(kind: 'two' | 'one', classes: number, perClass: number, seed: number): { logDensities: Float64Array; labels: Int32Array } {
  const rng = createRng(seed, 0);
  const logDensities = new Float64Array(classes * perClass);
  const labels = new Int32Array(classes * perClass);
  for (let c = 0; c < classes; c++) {
    const lowGroup = kind === 'two' && c < 0.57 * classes;
    const mean = kind === 'two' ? (lowGroup ? -78 + 12 * rng.normal() : -3 + 3 * rng.normal()) : 15 * rng.normal();
    const sd = kind === 'two' ? (lowGroup ? 22 : 1.5) : 8;
    for (let i = 0; i < perClass; i++) {
      logDensities[c * perClass + i] = mean + sd * rng.normal();
      labels[c * perClass + i] = c;
    }
  }
  return { logDensities, labels };
}

describe('splitSignificance', () => {
  it('passes a two-mode layer: small p, a stable split, an s.d. ratio near the generating 22/1.5', () => {
    const { logDensities, labels } = layer('two', 100, 200, 5);
    const result = splitSignificance(logDensities, labels, { rng: createRng(9, 0), modeReplicates: 300, replicates: 100 });
    expect(result.modes.pValue).toBeLessThan(0.01);
    expect(result.stability).toBeGreaterThan(0.9);
    expect(result.sdRatio!.low).toBeGreaterThan(10);
    expect(result.sdRatio!.high).toBeLessThan(22);
    expect(result.gap.low).toBeLessThanOrEqual(result.gap.estimate);
    expect(result.gap.high).toBeGreaterThanOrEqual(result.gap.estimate);
  });

  it('does not pass a one-mode layer, even though its (tail) gap is stable under resampling', () => {
    const { logDensities, labels } = layer('one', 100, 200, 5);
    const result = splitSignificance(logDensities, labels, { rng: createRng(9, 0), modeReplicates: 300, replicates: 100 });
    expect(result.modes.pValue).toBeGreaterThan(0.1);
    // Class means are known to ±8/√200 nats, so the largest gap — between two classes in a tail — is found again
    // in nearly every resample: stability says the split is well estimated, not that there are two modes.
    expect(result.stability).toBeGreaterThan(0.8);
  });

  it('is unchanged by relabelling the classes and by shifting all log-densities (a change of activation units)', () => {
    const { logDensities, labels } = layer('two', 30, 50, 8);
    const base = splitSignificance(logDensities, labels, { rng: createRng(3, 0), modeReplicates: 200, replicates: 50 });
    const shifted = splitSignificance(logDensities.map((v) => v - 17.5), labels, { rng: createRng(3, 0), modeReplicates: 200, replicates: 50 });
    expect(shifted.modes.pValue).toBe(base.modes.pValue);
    expect(shifted.gap.estimate).toBeCloseTo(base.gap.estimate, 9);
    expect(shifted.stability).toBe(base.stability);
    // Labels 0..29 → 29..0 (and 100 apart): the same classes in the same order, so the same draws.
    const relabelled = splitSignificance(logDensities, labels.map((l) => 100 * (29 - l)), { rng: createRng(3, 0), modeReplicates: 200, replicates: 50 });
    expect(relabelled.gap.estimate).toBe(base.gap.estimate);
    expect(relabelled.modes.criticalBandwidth).toBe(base.modes.criticalBandwidth);
  });

  it('rejects fewer than 3 classes and a bad level', () => {
    expect(rejection(() => splitSignificance([1, 2, 3], [0, 0, 1], { rng: createRng(0, 0) })).parameter).toBe('labels');
    const { logDensities, labels } = layer('one', 5, 4, 1);
    expect(rejection(() => splitSignificance(logDensities, labels, { rng: createRng(0, 0), level: 1 })).parameter).toBe('level');
  });
});
