import { classFitsByRunIds, groupSplitsByRunIds } from '@classfit/db';
import { testEngines } from '@classfit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context/app-context.ts';
import { createJobRunner } from '../jobs/job-runner.ts';
import { defaultTasks } from '../jobs/tasks/index.ts';
import { importSynthetic, writeSyntheticFiles } from '../testing/synthetic-model.ts';
import { openTestContext } from '../testing/test-context.ts';
import { requestAnalysis } from './analyze-model.ts';
import { stepDeclarations } from './analysis/steps/index.ts';
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
    // the registry's analyses, in run order, each marked done under this run's options (all are here)
    expect(report.analyses!.map((a) => a.name)).toEqual(stepDeclarations().map((s) => s.name));
    expect(report.analyses!.find((a) => a.name === 'layer-similarity')).toMatchObject({ level: 'model', done: true });
    expect(report.analyses!.every((a) => a.done)).toBe(true);
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
      // "clusters" is the mean over classes of each class's mean count over sweeps 4..7 (burn-in 4) of both chains
      // (two by default), not the last sweep.
      const perClass = fits.filter((f) => f.layerId === split!.layerId).map((f) => {
        const chains = f.clusterCountTrace as number[][];
        expect(chains).toHaveLength(2);
        for (const chain of chains) expect(chain).toHaveLength(8);
        const kept = chains.flatMap((chain) => chain.slice(4));
        return kept.reduce((a, b) => a + b, 0) / kept.length;
      });
      expect(layer.meanClusters).toBeCloseTo(perClass.reduce((a, b) => a + b, 0) / perClass.length, 12);
      // The split's evidence and the chains' figures are the stored ones.
      expect(layer.significance).toMatchObject({ pValue: split!.modesPValue, passes: split!.modesPValue! < 0.05, gap: { low: split!.gapLow, high: split!.gapHigh } });
      const layerFits = fits.filter((f) => f.layerId === split!.layerId).sort((a, b) => a.label - b.label);
      expect(layer.chains!.chains).toBe(2);
      expect(layer.chains!.chainsAgreeing).toBe(split!.chainsAgreeing);
      expect(layer.chains!.meanLogDensitySd.max).toBe(Math.max(...layerFits.map((f) => f.meanLogDensityChainSd!)));
      expect(layer.chains!.maxLogLikelihoodRHat).toBe(Math.max(...layerFits.map((f) => f.diagnostics!.rHat!)));
    }
  });

  it('names an unknown model', async () => {
    await expect(modelReport(ctx.db, 'no-such-model')).rejects.toBeInstanceOf(NotFoundError);
  });
});
