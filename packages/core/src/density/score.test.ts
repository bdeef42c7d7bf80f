import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { initBackend } from '../tensor/index.ts';
import { classify, classifyPerTrace } from './classify.ts';
import { mixtureLogPdf } from './mixture-log-pdf.ts';
import { readPredictiveFile } from './predictive-file.ts';
import type { PredictiveModel } from './predictive-model.ts';
import { scoreOwnClass, scoreSamples, scoreSamplesExact, scoreSamplesPerTrace } from './score.ts';
import { component, fixturePath, flat, loadFixture, mixtureOf, modelOf, relativeError } from './test-support.ts';

interface Case {
  file: string;
  d: number;
  mode: 'density' | 'log';
  points: number[][];
  logDensity: number[][];
  perTraceLogDensity: number[][][];
}
const { cases } = loadFixture<{ cases: Case[] }>('density', 'mixture-cases.json');
const models = new Map<string, PredictiveModel>();

async function modelFor(c: Case): Promise<PredictiveModel> {
  const key = `${c.file}:${c.mode}`;
  if (!models.has(key)) models.set(key, { ...(await readPredictiveFile(fixturePath('density', c.file))), traceAveraging: c.mode });
  return models.get(key)!;
}

/** Largest relative error over all entries; failure messages name the entry. */
function worst(got: Float64Array, want: number[]): { error: number; at: number } {
  let error = 0;
  let at = -1;
  want.forEach((w, i) => {
    const e = relativeError(got[i], w);
    if (e > error) [error, at] = [e, i];
  });
  return { error, at };
}

beforeAll(async () => {
  await initBackend('wasm');
});

// scipy reference: logsumexp over scipy.stats.multivariate_t component log-pdfs, three classes with
// three traces of 1–4 components in d = 2, 16, 64, including points at Mahalanobis² 1e2 and 1e4.
describe.each(cases.map((c) => [c.d, c.mode, c] as const))('mixture scoring, d = %i, %s averaging', (_d, _mode, c) => {
  const n = c.points.length;
  const x = flat(c.points);
  const want = c.logDensity.flat();

  // Float64 throughout; the only approximation is lgamma/log1p rounding: 1e-11 relative.
  it('exact kernel agrees with scipy to 1e-11 relative', async () => {
    const got = scoreSamplesExact(await modelFor(c), x, n, 'reduced');
    const { error, at } = worst(got, want);
    expect(error, `entry ${at}: got ${got[at]}, want ${want[at]}`).toBeLessThan(1e-11);
  });

  it('the scalar reference mixtureLogPdf agrees with scipy', async () => {
    const model = await modelFor(c);
    c.points.forEach((p, i) => {
      model.classes.forEach((cls, k) => {
        const got = mixtureLogPdf(cls, p, c.d, c.mode, model.traceCount);
        expect(relativeError(got, c.logDensity[i][k])).toBeLessThan(1e-11);
      });
    });
  });

  // float32 kernel: contract ≤ 1e-4 relative on these values (|log p| ≥ 1 here). Observed ≈ 1e-6.
  it('tensor kernel agrees with scipy to 1e-4 relative and leaks no tensor', async () => {
    const model = await modelFor(c);
    const before = tf.memory().numTensors;
    const got = await scoreSamples(model, x, n, 'reduced', { maxElements: 4096 });
    expect(tf.memory().numTensors).toBe(before);
    const { error, at } = worst(got, want);
    expect(error, `entry ${at}: got ${got[at]}, want ${want[at]}`).toBeLessThan(1e-4);
  });

  it('per-trace log-densities match scipy ([T, n, C]) in both kernels', async () => {
    const model = await modelFor(c);
    const perTrace = c.perTraceLogDensity.flat(2);
    expect(worst(await scoreSamplesPerTrace(model, x, n, 'reduced', { kernel: 'exact' }), perTrace).error).toBeLessThan(1e-11);
    expect(worst(await scoreSamplesPerTrace(model, x, n, 'reduced'), perTrace).error).toBeLessThan(1e-4);
  });

  it('scoreOwnClass picks each point’s own column; classify is the row argmax', async () => {
    const model = await modelFor(c);
    const labels = Int32Array.from({ length: n }, (_, i) => model.classes[i % 3].label);
    const own = await scoreOwnClass(model, x, n, 'reduced', labels, { kernel: 'exact' });
    own.forEach((v, i) => expect(relativeError(v, c.logDensity[i][i % 3])).toBeLessThan(1e-11));
    const predicted = await classify(model, x, n, 'reduced', { kernel: 'exact' });
    predicted.forEach((label, i) => {
      const row = c.logDensity[i];
      expect(label).toBe(model.classes[row.indexOf(Math.max(...row))].label);
    });
    const perTrace = await classifyPerTrace(model, x, n, 'reduced', { kernel: 'exact' });
    expect(perTrace.length).toBe(3 * n);
  });
});

describe('scoreSamples edges', () => {
  it('returns [0, C] for no points and rejects a wrong column count with the parameter name', async () => {
    const model = await modelFor(cases[0]);
    expect((await scoreSamples(model, new Float64Array(0), 0, 'reduced')).length).toBe(0);
    await expect(scoreSamples(model, new Float64Array(5), 2, 'reduced')).rejects.toMatchObject({ parameter: 'points' });
    await expect(scoreSamples(model, Float64Array.of(1, NaN), 1, 'reduced')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(scoreOwnClass(model, Float64Array.of(1, 2), 1, 'reduced', [999])).rejects.toMatchObject({ parameter: 'labels' });
  });

  // ν = 1e8: ((ν+d)/2)·log1p(m/ν) needs log1p of ~1e-8, below float32 ε; the kernel must keep it.
  it('keeps the Mahalanobis term for huge ν in the tensor kernel', async () => {
    const model = modelOf([mixtureOf(0, [component(1, 1e8, [1, 2, 3], [2, 0.3, 0, 0.3, 1, 0.1, 0, 0.1, 0.5])], [0, 0, 0], [1, 1, 1])]);
    const x = Float64Array.of(1, 2, 3, 2, 0, 3.5, -4, 6, 1);
    const exact = scoreSamplesExact(model, x, 3, 'reduced');
    const tensor = await scoreSamples(model, x, 3, 'reduced');
    exact.forEach((v, i) => expect(relativeError(tensor[i], v), `point ${i}: ${tensor[i]} vs ${v}`).toBeLessThan(1e-5));
  });

  it('applies the stored projection z = V x to raw points', async () => {
    const model = await modelFor(cases[0]);
    const v = Float64Array.of(1, 0.5, -2, 0, 3, 1); // V [2, 3]
    const projected: PredictiveModel = { ...model, projection: { components: v, outputDim: 2, inputDim: 3 } };
    const raw = Float64Array.of(0.3, -1, 2, 4, 0.5, -0.25);
    const z = Float64Array.of(0.3 - 0.5 - 4, 3 * -1 + 2, 4 + 0.25 + 0.5, 1.5 - 0.25);
    const direct = scoreSamplesExact(model, z, 2, 'reduced');
    const viaProjection = scoreSamplesExact(projected, raw, 2, 'raw');
    direct.forEach((v2, i) => expect(viaProjection[i]).toBeCloseTo(v2, 10));
  });
});
