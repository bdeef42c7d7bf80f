import { describe, expect, it } from 'vitest';
import { readPredictiveFile } from '../density/predictive-file.ts';
import { fixturePath, flat, loadFixture } from '../density/test-support.ts';
import { generativeClassification } from './generative-classification.ts';
import { classificationMetrics } from './weighted-f1.ts';

interface Case {
  file: string;
  d: number;
  mode: string;
  points: number[][];
  perTraceLogDensity: number[][][];
}

describe('generativeClassification (METHOD.md G)', () => {
  // Predictions per trace must be the argmax of scipy's per-trace log-densities; the metrics then follow.
  it('scores each trace’s argmax against the truth and summarises over traces', async () => {
    const { cases } = loadFixture<{ cases: Case[] }>('density', 'mixture-cases.json');
    const c = cases.find((k) => k.d === 16 && k.mode === 'log')!;
    const model = await readPredictiveFile(fixturePath('density', c.file));
    const n = c.points.length;
    const truth = Array.from({ length: n }, (_, i) => model.classes[Math.floor(i / (n / 3))].label);
    const result = await generativeClassification(model, flat(c.points), n, 'reduced', truth, { kernel: 'exact' });
    expect(result.perTrace).toHaveLength(3);
    c.perTraceLogDensity.forEach((scores, t) => {
      const predicted = scores.map((row) => model.classes[row.indexOf(Math.max(...row))].label);
      expect(result.perTrace[t]).toEqual(classificationMetrics(truth, predicted));
    });
    const f1 = result.perTrace.map((m) => m.weightedF1);
    const mean = f1.reduce((s, v) => s + v, 0) / 3;
    expect(result.weightedF1.mean).toBeCloseTo(mean, 14);
    expect(result.weightedF1.sd).toBeCloseTo(Math.sqrt(f1.reduce((s, v) => s + (v - mean) ** 2, 0) / 3), 14);
  });
});
