import { rm } from 'node:fs/promises';
import { classFitsByRunIds, getRun, layersByModelIds, layerSimilaritiesByRunIds, tableCounts, type FitRunRow } from '@classfit/db';
import { testEngines } from '@classfit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context/app-context.ts';
import { createJobRunner } from '../jobs/job-runner.ts';
import { defaultTasks } from '../jobs/tasks/index.ts';
import { importSynthetic, writeSyntheticFiles } from '../testing/synthetic-model.ts';
import { storedResults } from '../testing/stored-results.ts';
import { openTestContext } from '../testing/test-context.ts';
import type { AnalysisOptionsInput } from './analysis-options.ts';
import { getJson } from './analysis/run-checkpoint.ts';
import type { FitSummary } from './analysis/fit-step.ts';
import { loadLayerInput } from './analysis/layer-input.ts';
import { betweenClassKl, linearCka, procrustesDistance } from '@classfit/core/analysis';
import { readPredictiveFile } from '@classfit/core/density';
import { createRng } from '@classfit/core/rng';
import { PURPOSE_STREAM } from './analysis/steps/fit-options.ts';
import { SUBSET_NAMES } from './import/subset-selection.ts';
import { requestAnalysis, runAnalysis } from './analyze-model.ts';
import { CancelledError, NotFoundError, ValidationError } from './errors.ts';

// Small enough for seconds: 3 classes × 24 points, 12 sweeps, 3 kept traces.
const OPTIONS: AnalysisOptionsInput = {
  iterations: 12, burnIn: 6, thin: 2, seed: 5, reduce: [3], entropySamples: 200, klSamples: 100, bins: 6,
  classifyAll: true, checkpointEverySweeps: 2,
};

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
      await importSynthetic(ctx, folder, 'warm');
      await importSynthetic(ctx, folder, 'sequential');
      await importSynthetic(ctx, folder, 'interrupted-in-lanes');
      await importSynthetic(ctx, folder, 'two-kl-subsets', { leastSplit: true });
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
      expect(progress).toEqual(expect.arrayContaining(['load', 'svd', 'fit', 'score', 'entropy', 'bins', 'genclass', 'kl:random', 'similarity', 'store']));
      reference = await storedResults(ctx, referenceRun);
      expect(reference.classFits.length).toBe(6);
      // Two chains by default, each with its 12-sweep cluster-count trace.
      expect(reference.classFits.every((c) => Number.isFinite(c.meanLogDensity) && Number.isFinite(c.relativeEntropy) && c.clusterCountTrace!.length === 2)).toBe(true);
      expect(reference.classFits.every((c) => (c.clusterCountTrace as number[][]).every((chain) => chain.length === 12))).toBe(true);
      expect(reference.scores.length).toBe(2 * 72);
      expect(reference.splits.map((s) => s.lowCount + s.highCount)).toEqual([3, 3]);
      expect(reference.genclass.map((g) => g.subset).sort()).toEqual(['least', 'most', 'random', 'least', 'most', 'random'].sort());
      expect(reference.kl.map((k) => [k.layer, k.subset, k.labels])).toEqual([['early', 'random', [0, 1, 2]], ['late', 'random', [0, 1, 2]]]);
      expect(reference.kl[0].matrix?.[1][1]).toBe(0);
      expect(reference.bins.reduce((sum, b) => sum + b.stats.count, 0)).toBe(2 * 72);
    });

    it('stores the layer × layer similarity: CKA and Procrustes of the reduced points, as core computes them', async () => {
      const layers = await layersByModelIds(ctx.db, [referenceRun.modelId]);
      const rows = await layerSimilaritiesByRunIds(ctx.db, [referenceRun.id]);
      expect(rows).toHaveLength(4);
      const at = (a: number, b: number) => rows.find((r) => r.layerId === layers[a].id && r.otherLayerId === layers[b].id)!;
      expect([at(0, 0).cka, at(1, 1).cka, at(0, 0).procrustes, at(1, 1).procrustes]).toEqual([1, 1, 0, 0]);
      expect(at(0, 1)).toMatchObject({ cka: at(1, 0).cka, procrustes: at(1, 0).procrustes, exampleCount: 72 });
      // Recomputed from the layers' reduced points (same SVD, deterministic) by core directly:
      const all = Int32Array.from({ length: 72 }, (_, i) => i);
      const [early, late] = await Promise.all(layers.map((l) => loadLayerInput(ctx.artifacts, l, all, 3)));
      expect(at(0, 1).cka).toBeCloseTo(linearCka(early.z, late.z, 72, 3, 3), 12);
      expect(at(0, 1).procrustes).toBeCloseTo(procrustesDistance(early.z, late.z, 72, 3, 3), 12);
      expect(Math.abs(at(0, 1).cka!)).toBeLessThan(1);
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

    it('runs the fit lane beside the scoring lane to byte-identical results of the sequential schedule', async () => {
      const { run } = await requestAnalysis(ctx, 'sequential', OPTIONS);
      const phases = { lanes: [] as string[], sequential: [] as string[] };
      const record = (into: string[]) => (p: { phase: string; layer?: string }) => {
        if (p.layer === 'early' && p.phase !== 'fit' && p.phase !== into.at(-1)) into.push(p.phase);
      };
      await runAnalysis(ctx, run, { workers: 1, schedule: 'sequential', onProgress: record(phases.sequential) });
      const saved = (await getRun(ctx.db, run.id))!;
      expect(JSON.stringify(await storedResults(ctx, saved))).toBe(JSON.stringify(reference));
      // Artifacts are keyed by content: every fit's predictive mixtures and summary are the same bytes.
      const fitKeys = async (r: FitRunRow) => (await getJson<{ steps: Record<string, { predictive: string; summary: string }> }>(ctx.artifacts, r.checkpointArtifact!)).steps;
      const keys = (steps: Record<string, { predictive: string; summary: string }>) => Object.entries(steps).map(([step, s]) => [step, s.predictive, s.summary]);
      expect(keys(await fitKeys(saved))).toEqual(keys(await fitKeys(referenceRun)));
      // The lanes did overlap: the refit started while the scoring lane was still at work.
      const { run: again } = await requestAnalysis(ctx, 'sequential', OPTIONS, { rerun: true });
      await runAnalysis(ctx, again, { workers: 1, onProgress: record(phases.lanes) });
      expect(phases.sequential.indexOf('genclass')).toBeGreaterThan(phases.sequential.indexOf('bins'));
      expect(phases.lanes.indexOf('genclass')).toBeLessThan(phases.lanes.indexOf('bins'));
      expect(JSON.stringify(await storedResults(ctx, (await getRun(ctx.db, again.id))!))).toBe(JSON.stringify(reference));
    });

    it('resumes an analysis interrupted while the refit runs beside the scoring lane to the same results', async () => {
      const { run } = await requestAnalysis(ctx, 'interrupted-in-lanes', OPTIONS);
      const controller = new AbortController();
      const interrupted = await runAnalysis(ctx, run, {
        workers: 1,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'fit' && p.message === 'early/genclass' && (p.sweep ?? 0) >= 3) controller.abort();
        },
      }).catch((e: unknown) => e);
      expect(interrupted).toBeInstanceOf(CancelledError);
      const saved = (await getRun(ctx.db, run.id))!;
      const checkpoint = await getJson<{ steps: Record<string, unknown>; current?: { step: string } }>(ctx.artifacts, saved.checkpointArtifact!);
      expect(Object.keys(checkpoint.steps)).toEqual(['early/main']);
      expect(checkpoint.current?.step).toBe('early/genclass');
      await runAnalysis(ctx, saved, { workers: 1 });
      expect(JSON.stringify(await storedResults(ctx, saved))).toBe(JSON.stringify(reference));
    });

    it("two KL subsets: each one's matrix is betweenClassKl of its own stored fit on its own RNG stream (the first subset's scoring overlaps the second's fit)", async () => {
      const { run } = await requestAnalysis(ctx, 'two-kl-subsets', OPTIONS);
      await runAnalysis(ctx, run, { workers: 1 });
      const saved = (await getRun(ctx.db, run.id))!;
      const checkpoint = await getJson<{ steps: Record<string, { predictive: string }> }>(ctx.artifacts, saved.checkpointArtifact!);
      const stored = (await storedResults(ctx, saved)).kl;
      for (const [layerIndex, layer] of ['early', 'late'].entries()) {
        for (const [s, subset] of SUBSET_NAMES.entries()) {
          if (subset === 'most') continue; // no split file
          const predictive = await readPredictiveFile(ctx.artifacts.path(checkpoint.steps[`${layer}/kl-${subset}`].predictive));
          const rng = createRng(OPTIONS.seed!, layerIndex * 1_000_000 + PURPOSE_STREAM.kl * 10_000 + s);
          const expected = await betweenClassKl(predictive, { rng, samplesPerClass: OPTIONS.klSamples });
          const row = stored.find((k) => k.subset === subset && k.layer === layer);
          expect(row, `${layer}/${subset}`).toBeDefined();
          expect(row?.matrix?.flat()).toEqual(Array.from(expected.matrix));
        }
      }
    });

    it('refitStart main: genclass refit and KL fits start from the main fit, genclassIterations sets the refit length', async () => {
      const { run } = await requestAnalysis(ctx, 'warm', { ...OPTIONS, refitStart: 'main', genclassIterations: 6 });
      await runAnalysis(ctx, run, { workers: 1 });
      const saved = (await getRun(ctx.db, run.id))!;
      const checkpoint = await getJson<{ steps: Record<string, { summary: string }> }>(ctx.artifacts, saved.checkpointArtifact!);
      const summary = async (step: string) => getJson<FitSummary>(ctx.artifacts, checkpoint.steps[step].summary);
      const [main, refit, kl] = await Promise.all(['early/main', 'early/genclass', 'early/kl-random'].map(summary));
      expect(refit.classes.every((c) => (c.clusterCounts as number[][]).every((chain) => chain.length === 6))).toBe(true);
      expect(kl.classes.every((c) => (c.clusterCounts as number[][]).every((chain) => chain.length === 12))).toBe(true);
      // The main fit keeps every row's final label; its own results are those of the fresh-start reference run.
      expect(main.classes.map((c) => c.finalStates!.map((f) => f.assignments.length))).toEqual(main.classes.map((c) => [c.n, c.n]));
      const results = await storedResults(ctx, saved);
      expect(results.classFits.map((c) => c.meanLogDensity)).toEqual(reference.classFits.map((c) => c.meanLogDensity));
      expect(results.genclass).toHaveLength(6);
      // The refit is another chain (other start, other length): its held-out densities move.
      expect(results.classFits.map((c) => c.heldOutMeanLogDensity)).not.toEqual(reference.classFits.map((c) => c.heldOutMeanLogDensity));
      expect(results.kl.map((k) => k.mean)).not.toEqual(reference.kl.map((k) => k.mean));
    });

    it('re-running a succeeded run recomputes it as a new run from scratch; the old run keeps its results', async () => {
      const { run, created } = await requestAnalysis(ctx, 'uninterrupted', OPTIONS, { rerun: true });
      expect(created).toBe(true);
      expect(run.id).not.toBe(referenceRun.id);
      expect(run).toMatchObject({ status: 'queued', checkpointArtifact: null, configKey: referenceRun.configKey });
      const old = (await getRun(ctx.db, referenceRun.id))!;
      expect(old).toMatchObject({ status: 'succeeded', configKey: `${referenceRun.configKey}~superseded-${referenceRun.id}` });
      const fitted = new Set<string>();
      await runAnalysis(ctx, run, { workers: 1, onProgress: (p) => {
        if (p.phase === 'fit' && p.message) fitted.add(p.message);
      } });
      expect([...fitted]).toEqual(expect.arrayContaining(['early/main', 'late/main']));
      // Same seed, same numbers; the old run's rows are untouched; these options now name the new run.
      expect(await storedResults(ctx, run)).toEqual(reference);
      expect(await storedResults(ctx, old)).toEqual(reference);
      expect((await requestAnalysis(ctx, 'uninterrupted', OPTIONS)).run.id).toBe(run.id);
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
