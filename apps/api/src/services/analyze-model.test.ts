import { rm } from 'node:fs/promises';
import {
  classFitsByRunIds, densityBinsByRunIds, genclassResultsByRunIds, getRun, groupSplitsByRunIds, klMatricesByRunIds,
  layersByModelIds, exampleScoresOfLayer, tableCounts, type FitRunRow,
} from '@classfit/db';
import { testEngines } from '@classfit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context/app-context.ts';
import { createJobRunner } from '../jobs/job-runner.ts';
import { defaultTasks } from '../jobs/tasks/index.ts';
import { importSynthetic, writeSyntheticFiles } from '../testing/synthetic-model.ts';
import { openTestContext } from '../testing/test-context.ts';
import type { AnalysisOptionsInput } from './analysis-options.ts';
import { getJson } from './analysis/run-checkpoint.ts';
import { requestAnalysis, runAnalysis } from './analyze-model.ts';
import { CancelledError, NotFoundError, ValidationError } from './errors.ts';

// Small enough for seconds: 3 classes × 24 points, 12 sweeps, 3 kept traces.
const OPTIONS: AnalysisOptionsInput = {
  iterations: 12, burnIn: 6, thin: 2, seed: 5, reduce: [3], entropySamples: 200, klSamples: 100, bins: 6,
  classifyAll: true, checkpointEverySweeps: 2,
};

/** Every stored result of a run, keyed by layer name instead of ids, so two runs can be compared. */
async function storedResults(ctx: AppContext, run: FitRunRow) {
  const layers = new Map((await layersByModelIds(ctx.db, [run.modelId])).map((l) => [l.id, l.name]));
  // Ids and artifact keys differ between runs by construction; everything else must match.
  const strip = <T extends { runId: number; layerId: number; id: number }>(rows: T[]) =>
    rows.map(({ runId: _r, layerId, id: _i, ...rest }) => {
      const out = { layer: layers.get(layerId), ...rest } as Omit<T, 'runId' | 'layerId' | 'id'> & { layer?: string; predictiveArtifact?: string | null };
      delete out.predictiveArtifact;
      return out;
    });
  const scores = [];
  for (const [id, name] of layers) {
    for (const s of await exampleScoresOfLayer(ctx.db, run.id, id)) scores.push({ name, index: s.index, own: s.ownLogDensity, predicted: s.predictedClass });
  }
  return {
    classFits: strip(await classFitsByRunIds(ctx.db, [run.id])),
    splits: strip(await groupSplitsByRunIds(ctx.db, [run.id])),
    genclass: strip(await genclassResultsByRunIds(ctx.db, [run.id])),
    kl: strip(await klMatricesByRunIds(ctx.db, [run.id])),
    bins: strip(await densityBinsByRunIds(ctx.db, [run.id])),
    scores,
  };
}

for (const engine of testEngines()) {
  describe(`analysis on ${engine.name}`, () => {
    let ctx: AppContext;
    let folder: string;
    let reference: Awaited<ReturnType<typeof storedResults>>;
    let referenceRun: FitRunRow;

    beforeAll(async () => {
      ctx = await openTestContext(engine);
      folder = await writeSyntheticFiles();
      await importSynthetic(ctx, folder, 'uninterrupted');
      await importSynthetic(ctx, folder, 'interrupted');
    });
    afterAll(async () => {
      await ctx?.close();
      await rm(folder, { recursive: true, force: true });
    });

    it('runs as a job: progress, every analysis stored, run succeeded', async () => {
      const progress: string[] = [];
      const runner = createJobRunner(ctx, { tasks: defaultTasks, workers: 1, heartbeatMs: 20, onProgress: (_run, p) => progress.push(p.phase) });
      const { run, created } = await requestAnalysis(ctx, 'uninterrupted', OPTIONS);
      expect(created).toBe(true);
      const done = await runner.runNext({ runId: run.id });
      expect(done?.outcome, String(done?.result)).toBe('succeeded');
      referenceRun = (await getRun(ctx.db, run.id))!;
      expect(referenceRun).toMatchObject({ status: 'succeeded', backend: 'cpu', progress: { phase: 'done' } });
      expect(progress).toEqual(expect.arrayContaining(['load', 'svd', 'fit', 'score', 'entropy', 'bins', 'genclass', 'kl:random', 'store']));
      reference = await storedResults(ctx, referenceRun);
      expect(reference.classFits.length).toBe(6);
      expect(reference.classFits.every((c) => Number.isFinite(c.meanLogDensity) && Number.isFinite(c.relativeEntropy) && c.clusterCountTrace!.length === 12)).toBe(true);
      expect(reference.scores.length).toBe(2 * 72);
      expect(reference.splits.map((s) => s.lowCount + s.highCount)).toEqual([3, 3]);
      expect(reference.genclass.map((g) => g.subset).sort()).toEqual(['least', 'most', 'random', 'least', 'most', 'random'].sort());
      expect(reference.kl.map((k) => [k.layer, k.subset, k.labels])).toEqual([['early', 'random', [0, 1, 2]], ['late', 'random', [0, 1, 2]]]);
      expect(reference.kl[0].matrix?.[1][1]).toBe(0);
      expect(reference.bins.reduce((sum, b) => sum + b.stats.count, 0)).toBe(2 * 72);
    });

    it('resumes an interrupted analysis to exactly the same stored results', async () => {
      const { run } = await requestAnalysis(ctx, 'interrupted', OPTIONS);
      const controller = new AbortController();
      const interrupted = await runAnalysis(ctx, run, {
        workers: 1,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'fit' && p.message === 'late/main' && (p.sweep ?? 0) >= 5) controller.abort();
        },
      }).catch((e: unknown) => e);
      expect(interrupted).toBeInstanceOf(CancelledError);
      const saved = (await getRun(ctx.db, run.id))!;
      const checkpoint = await getJson<{ steps: Record<string, unknown>; current?: { step: string } }>(ctx.artifacts, saved.checkpointArtifact!);
      expect(Object.keys(checkpoint.steps)).toEqual(['early/main', 'early/genclass', 'early/kl-random']);
      expect(checkpoint.current?.step).toBe('late/main');
      expect((await classFitsByRunIds(ctx.db, [run.id])).length).toBe(0);

      await runAnalysis(ctx, saved, { workers: 1 });
      expect(await storedResults(ctx, saved)).toEqual(reference);
    });

    it('re-running is idempotent: same rows, same numbers', async () => {
      const before = await tableCounts(ctx.db);
      const { run, created } = await requestAnalysis(ctx, 'uninterrupted', OPTIONS, { rerun: true });
      expect(created).toBe(false);
      expect(run.id).toBe(referenceRun.id);
      const fresh = { ...run, checkpointArtifact: null };
      await runAnalysis(ctx, fresh, { workers: 1 });
      expect(await tableCounts(ctx.db)).toEqual(before);
      expect(await storedResults(ctx, run)).toEqual(reference);
    });

    it('rejects an unknown model and bad options, storing nothing', async () => {
      const before = await tableCounts(ctx.db);
      await expect(requestAnalysis(ctx, 'no-such-model', OPTIONS)).rejects.toBeInstanceOf(NotFoundError);
      await expect(requestAnalysis(ctx, 987_654, OPTIONS)).rejects.toBeInstanceOf(NotFoundError);
      const bad = await requestAnalysis(ctx, 'uninterrupted', { ...OPTIONS, layers: ['nope'], reduce: [99] }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(ValidationError);
      expect((bad as ValidationError).problems.map((p) => p.field)).toEqual(['layers']);
      const worse = await requestAnalysis(ctx, 'uninterrupted', { ...OPTIONS, reduce: [99] }).catch((e: unknown) => e);
      expect((worse as ValidationError).problems.map((p) => p.field)).toEqual(['reduce', 'reduce']);
      expect(await tableCounts(ctx.db)).toEqual(before);
    });
  });
}
