/**
 * Generative classification (argmax over classes of log p(x | class), per trace) on the webgpu
 * backend against the exact Float64 kernel.
 *
 * Tolerance: each log-density moves by at most 1e-4·max(|log p|, 1) (the tensor kernel's contract,
 * argued in density/score.webgpu.test.ts), so the predicted class can change only where the exact
 * top two scores are closer than the sum of their two allowances. Everywhere else the labels must be
 * identical; with no such near-tie the per-trace metrics are identical too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyPerTrace, sampleClass, scoreSamplesPerTrace } from '../density/index.ts';
import { randomMixtureModel } from '../density/test-support.ts';
import { createRng } from '../rng/index.ts';
import { useWebGpu, webgpuUnavailable, withoutLeaks } from '../testing/webgpu.ts';
import { generativeClassification } from './generative-classification.ts';

const CONTRACT = 1e-4;
const unavailable = await webgpuUnavailable();

describe.skipIf(unavailable !== null)('generative classification on webgpu', () => {
  beforeAll(async () => {
    await useWebGpu();
  });

  it('predicts the exact kernel’s labels except at near-ties, and the same metrics', async () => {
    const rng = createRng(41);
    // Overlapping classes (separation 1 in d = 5), so that a fair share of points is misclassified.
    const model = randomMixtureModel(rng, { classes: 6, dim: 5, traces: 3, maxComponents: 3, separation: 1, traceAveraging: 'log' });
    const perClass = 40;
    const points = new Float64Array(6 * perClass * 5);
    const labels = new Int32Array(6 * perClass);
    model.classes.forEach((cls, c) => {
      points.set(sampleClass(cls, perClass, rng), c * perClass * 5);
      labels.fill(cls.label, c * perClass, (c + 1) * perClass);
    });
    const n = labels.length;
    const gpu = await withoutLeaks(() => classifyPerTrace(model, points, n, 'reduced'));
    const exact = await classifyPerTrace(model, points, n, 'reduced', { kernel: 'exact' });
    const scores = await scoreSamplesPerTrace(model, points, n, 'reduced', { kernel: 'exact' });
    const classes = model.classes.length;
    let nearTies = 0;
    for (let row = 0; row < exact.length; row++) {
      const s = Array.from(scores.subarray(row * classes, (row + 1) * classes)).sort((a, b) => b - a);
      const allowance = CONTRACT * (Math.max(Math.abs(s[0]), 1) + Math.max(Math.abs(s[1]), 1));
      if (s[0] - s[1] <= allowance) nearTies++;
      else expect(gpu[row], `trace ${Math.floor(row / n)}, point ${row % n}: margin ${s[0] - s[1]}`).toBe(exact[row]);
    }
    const wrong = exact.filter((label, row) => label !== labels[row % n]).length;
    expect(wrong / exact.length).toBeGreaterThan(0.05);
    // These exact scores (a fixed seed, Float64) have no near-tie, so every label and every metric must match.
    expect(nearTies).toBe(0);
    const onGpu = await withoutLeaks(() => generativeClassification(model, points, n, 'reduced', labels));
    const onCpu = await generativeClassification(model, points, n, 'reduced', labels, { kernel: 'exact' });
    expect(onGpu.perTrace).toEqual(onCpu.perTrace);
    expect(onGpu.weightedF1).toEqual(onCpu.weightedF1);
  });
});
