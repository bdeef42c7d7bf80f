import { classFitsByRunIds, groupSplitsByRunIds } from '@classfit/db';
import { testEngines } from '@classfit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context/app-context.ts';
import { createJobRunner } from '../jobs/job-runner.ts';
import { defaultTasks } from '../jobs/tasks/index.ts';
import { importSynthetic, writeSyntheticFiles } from '../testing/synthetic-model.ts';
import { openTestContext } from '../testing/test-context.ts';
import { requestAnalysis } from './analyze-model.ts';
import { NotFoundError } from './errors.ts';
import { modelReport } from './model-report.ts';

const [engine] = testEngines();

describe('modelReport', () => {
  let ctx: AppContext;
  let runId: number;

  beforeAll(async () => {
    ctx = await openTestContext(engine);
    await importSynthetic(ctx, await writeSyntheticFiles(), 'report-model');
    const { run } = await requestAnalysis(ctx, 'report-model', { iterations: 8, burnIn: 4, thin: 2, reduce: [3], entropySamples: 100, klSamples: 50, bins: 4 });
    const done = await createJobRunner(ctx, { tasks: defaultTasks }).runNext({ runId: run.id });
    expect(done?.outcome).toBe('succeeded');
    runId = run.id;
  });
  afterAll(() => ctx.close());

  it('summarises every analysed layer from the stored rows', async () => {
    const report = await modelReport(ctx.db, 'report-model');
    expect(report.runId).toBe(runId);
    const fits = await classFitsByRunIds(ctx.db, [runId]);
    const splits = await groupSplitsByRunIds(ctx.db, [runId]);
    expect(report.layers.length).toBe(new Set(fits.map((f) => f.layerId)).size);
    for (const layer of report.layers) {
      expect(layer.classes).toBe(3);
      expect(layer.reducedDim).toBe(3);
      // The group counts are the stored split's, and the per-group means average the stored class means.
      const split = splits.find((s) => layer.split && s.lowCount === layer.split.low && s.gap === layer.split.gap);
      expect(split).toBeDefined();
      expect(layer.split!.low + layer.split!.high).toBe(3);
      const low = fits.filter((f) => f.layerId === split!.layerId && f.group === 'low').map((f) => f.meanLogDensity!);
      expect(layer.meanLogDensity.low).toBeCloseTo(low.reduce((a, b) => a + b, 0) / low.length, 10);
      expect(layer.meanLogDensity.high!).toBeGreaterThan(layer.meanLogDensity.low!);
    }
  });

  it('names an unknown model', async () => {
    await expect(modelReport(ctx.db, 'no-such-model')).rejects.toBeInstanceOf(NotFoundError);
  });
});
