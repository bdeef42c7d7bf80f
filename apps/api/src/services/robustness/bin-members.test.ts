import { rm } from 'node:fs/promises';
import { densityBinsByRunIds, exampleScoresOfLayer, layersByModelIds } from '@classfit/db';
import { testEngines } from '@classfit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context/app-context.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { defaultTasks } from '../../jobs/tasks/index.ts';
import { importSynthetic, writeSyntheticFiles } from '../../testing/synthetic-model.ts';
import { openTestContext } from '../../testing/test-context.ts';
import { requestAnalysis } from '../analyze-model.ts';
import { densityBinMembers } from './bin-members.ts';

describe('densityBinMembers after a real analysis', () => {
  let ctx: AppContext;
  let folder: string;

  beforeAll(async () => {
    ctx = await openTestContext(testEngines()[0]);
    folder = await writeSyntheticFiles();
    await importSynthetic(ctx, folder, 'binned');
  });
  afterAll(async () => {
    await ctx?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('reproduces the bins the analysis stored (sizes, mean log-density, memorization) from the stored scores', async () => {
    const { run } = await requestAnalysis(ctx, 'binned', { iterations: 6, burnIn: 3, thin: 1, seed: 2, reduce: [2], entropySamples: 0, klSamples: 0, bins: 5, genclassSubsets: [], klSubsets: [] });
    const done = await createJobRunner(ctx, { tasks: defaultTasks, workers: 1 }).runNext({ runId: run.id });
    expect(done?.outcome, String(done?.result)).toBe('succeeded');
    for (const layer of await layersByModelIds(ctx.db, [run.modelId])) {
      const stored = (await densityBinsByRunIds(ctx.db, [run.id])).filter((b) => b.layerId === layer.id);
      const scores = new Map((await exampleScoresOfLayer(ctx.db, run.id, layer.id)).map((s) => [s.exampleId, s]));
      const members = await densityBinMembers(ctx.db, run.id, layer.id);
      expect(members.map((m) => m.length)).toEqual(stored.map((b) => b.stats.count));
      expect(new Set(members.flat().map((m) => m.exampleId)).size).toBe(scores.size);
      members.forEach((bin, i) => {
        const logp = bin.map((m) => scores.get(m.exampleId)!.ownLogDensity);
        const memorization = bin.map((m) => scores.get(m.exampleId)!.memorization!);
        // same values summed in the same order as the analysis → equal up to rounding of the mean
        expect(logp.reduce((a, b) => a + b, 0) / logp.length).toBeCloseTo(stored[i].stats.logDensityMean, 10);
        expect(memorization.reduce((a, b) => a + b, 0) / memorization.length).toBeCloseTo(stored[i].stats.memorizationMean!, 10);
        expect([...logp].sort((a, b) => a - b)).toEqual(logp); // ascending inside the bin
      });
    }
  });
});
