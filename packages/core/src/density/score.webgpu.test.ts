/**
 * All-class scoring (the Student-t mixture kernel as batched matrix work) on
 * the webgpu backend against the exact Float64 kernel and scipy.
 *
 * Tolerance: 1e-4 relative (floor 1 nat), the tensor kernel's contract on every
 * backend. Why float32 on a GPU stays inside it: per component the kernel forms
 * y = (x − c)W − L⁻¹(m − c) by one matmul over d terms, so each y_i carries at
 * most (d + 2)·u·(|x − c|·|W|)_i of rounding (u = 2⁻²⁴; inputs rounded once,
 * then d products summed in any order, which is how the GPU's tiled matmul may
 * sum them). Mahalanobis² M = Σ y_i² then has relative error ≤ 2(d + 2)·u·κ,
 * κ = Σ(|x − c||W|)_i² / Σ y_i², O(1–10) here since points are centred on the
 * block's mean location first. The term ((ν + d)/2)·log1p(M/ν) moves by at most
 * ((ν + d)/2)·2(d + 2)·u·κ: for d = 64, ν ≈ 70 that is 67·132·6e-8·κ ≈ 5e-4·κ
 * nats against |log p| ≥ 100, i.e. ≤ 5e-6·κ relative. WGSL promises log within
 * 3 ULP (2⁻²¹ absolute on [0.5, 2]) and exp within 3 + 2|x| ULP, which adds
 * O(10u·|log p|) in the log-sum-exp over components. 1e-4 therefore leaves a
 * factor ≥ 10 for κ; observed errors are ~2e-7 (notes/gpu.md).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { webgpuUnavailable, useWebGpu, withoutLeaks } from '../testing/webgpu.ts';
import { readPredictiveFile } from './predictive-file.ts';
import { scoreOwnClass, scoreSamples, scoreSamplesExact, scoreSamplesPerTrace } from './score.ts';
import { component, fixturePath, flat, loadFixture, mixtureOf, modelOf, randomMixtureModel } from './test-support.ts';

const TOLERANCE = 1e-4;

/** max_i |got − want| / max(|want|, 1), and where. */
function worstRelative(got: ArrayLike<number>, want: ArrayLike<number>): { error: number; at: number } {
  let error = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const e = Math.abs(got[i] - want[i]) / Math.max(Math.abs(want[i]), 1);
    if (!(e <= error)) [error, at] = [Number.isNaN(e) ? Infinity : e, i];
  }
  return { error, at };
}

function expectWithinContract(got: ArrayLike<number>, want: ArrayLike<number>, label: string): void {
  expect(got.length, label).toBe(want.length);
  const { error, at } = worstRelative(got, want);
  expect(error, `${label}: entry ${at} got ${got[at]}, want ${want[at]}`).toBeLessThan(TOLERANCE);
}

interface Case {
  file: string;
  d: number;
  mode: 'density' | 'log';
  points: number[][];
  logDensity: number[][];
  perTraceLogDensity: number[][][];
}

const unavailable = await webgpuUnavailable();

describe.skipIf(unavailable !== null)('scoring on webgpu', () => {
  beforeAll(async () => {
    await useWebGpu();
  });

  // scipy reference (fixtures/density): three classes, three traces, d = 2, 16, 64, points out to Mahalanobis² 1e4.
  const { cases } = loadFixture<{ cases: Case[] }>('density', 'mixture-cases.json');
  it.each(cases.map((c) => [c.d, c.mode, c] as const))('agrees with scipy and the exact kernel, d = %i, %s averaging', async (_d, _mode, c) => {
    const model = { ...(await readPredictiveFile(fixturePath('density', c.file))), traceAveraging: c.mode };
    const n = c.points.length;
    const x = flat(c.points);
    const got = await withoutLeaks(() => scoreSamples(model, x, n, 'reduced', { maxElements: 4096 }));
    expect(tf.getBackend()).toBe('webgpu');
    expectWithinContract(got, c.logDensity.flat(), 'vs scipy');
    expectWithinContract(got, scoreSamplesExact(model, x, n, 'reduced'), 'vs exact');
    const perTrace = await withoutLeaks(() => scoreSamplesPerTrace(model, x, n, 'reduced'));
    expectWithinContract(perTrace, c.perTraceLogDensity.flat(2), 'per trace vs scipy');
  });

  // Twelve classes, several class blocks and point chunks (small maxElements), both trace averagings.
  it.each(['density', 'log'] as const)('scores many classes in blocks and chunks like the exact kernel (%s)', async (traceAveraging) => {
    const rng = createRng(9, 1);
    const model = randomMixtureModel(rng, { classes: 12, dim: 8, traces: 3, maxComponents: 3, separation: 3, traceAveraging });
    const n = 300;
    const x = Float64Array.from({ length: n * 8 }, () => 4 * rng.normal());
    const got = await withoutLeaks(() => scoreSamples(model, x, n, 'reduced', { maxElements: 1 << 13 }));
    expectWithinContract(got, scoreSamplesExact(model, x, n, 'reduced'), `${traceAveraging}: all classes`);
    const labels = Int32Array.from({ length: n }, (_, i) => i % 12);
    const own = await withoutLeaks(() => scoreOwnClass(model, x, n, 'reduced', labels));
    const ownExact = await scoreOwnClass(model, x, n, 'reduced', labels, { kernel: 'exact' });
    expectWithinContract(own, ownExact, `${traceAveraging}: own class`);
  });

  // ν = 1e8: log1p of ~1e-8 is below float32 ε; the Goldberg log1p must survive the GPU's compiler and arithmetic.
  it('keeps the Mahalanobis term for huge ν', async () => {
    const model = modelOf([mixtureOf(0, [component(1, 1e8, [1, 2, 3], [2, 0.3, 0, 0.3, 1, 0.1, 0, 0.1, 0.5])], [0, 0, 0], [1, 1, 1])]);
    const x = Float64Array.of(1, 2, 3, 2, 0, 3.5, -4, 6, 1);
    const got = await withoutLeaks(() => scoreSamples(model, x, 3, 'reduced'));
    const exact = scoreSamplesExact(model, x, 3, 'reduced');
    // Point 0 sits on the mode, point 2 ~24 nats below it: a lost Mahalanobis term would erase that difference.
    expect(exact[0] - exact[2]).toBeGreaterThan(20);
    expectWithinContract(got, exact, 'ν = 1e8');
  });
});
