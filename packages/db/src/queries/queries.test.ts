import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client.ts';
import { testEngines } from '../testing/test-databases.ts';
import { upsertArchitecture, upsertDataset, upsertDatasetClasses, upsertProject, classesByDatasetIds } from './catalog.ts';
import { InvalidCursorError } from './errors.ts';
import { upsertExamples, examplesOfClass, classCountsOfModel } from './examples.ts';
import { claimRun, enqueueRun, finishRun, getRun, heartbeatRun, MAX_RUN_ATTEMPTS, requestRunCancel, requeueStaleRuns } from './fit-runs.ts';
import { upsertClassFits, classFitsByLayerIds, classFitsByRunLayers } from './class-fits.ts';
import { insertLayers, layersByModelIds } from './layers.ts';
import { exampleScoresByKeys, upsertExampleScores } from './example-scores.ts';
import { pageModels } from './graphql-models.ts';
import { findModel, getModel, insertModel, modelsByIds } from './models.ts';
import { tableCounts } from './table-counts.ts';

for (const engine of testEngines()) {
  describe(`queries on ${engine.name}`, () => {
    let handle: DbHandle;
    const modelIds: number[] = [];

    beforeAll(async () => {
      handle = await engine.open();
      const { db } = handle;
      const project = await upsertProject(db, 'default');
      const cifar = await upsertDataset(db, 'cifar100', 100);
      const mini = await upsertDataset(db, 'mini_imagenet', 100);
      const rn18 = await upsertArchitecture(db, { name: 'resnet18', family: 'resnet', depth: 18 });
      const rn50 = await upsertArchitecture(db, { name: 'resnet50', family: 'resnet', depth: 50 });
      const specs = [
        { name: 'c', arch: rn18, ds: cifar, accuracy: 0.7, tags: ['paper'] },
        { name: 'a', arch: rn50, ds: cifar, accuracy: null, tags: ['paper', 'x'] },
        { name: 'e', arch: rn18, ds: mini, accuracy: 0.6, tags: [] },
        { name: 'b', arch: rn50, ds: mini, accuracy: 0.9, tags: ['x'] },
        { name: 'd', arch: rn18, ds: cifar, accuracy: 0.7, tags: [] },
      ];
      for (const s of specs) {
        const row = await insertModel(db, {
          projectId: project.id, name: s.name, architectureId: s.arch.id, datasetId: s.ds.id, accuracy: s.accuracy, tags: s.tags,
        });
        modelIds.push(row.id);
      }
    });
    afterAll(async () => handle?.close());

    it('upserts catalog rows by name without duplicating them', async () => {
      const { db } = handle;
      const again = await upsertDataset(db, 'cifar100', 100);
      await upsertDatasetClasses(db, again.id, [{ label: 0, name: 'apple' }, { label: 1, name: 'fish' }]);
      await upsertDatasetClasses(db, again.id, [{ label: 1, name: 'aquarium_fish' }]);
      const classes = await classesByDatasetIds(db, [again.id]);
      expect(classes.map((c) => c.name)).toEqual(['apple', 'aquarium_fish']);
      expect((await tableCounts(db)).datasets).toBe(2);
    });

    it('pages through models by every order without gaps or repeats', async () => {
      const { db } = handle;
      for (const field of ['createdAt', 'name', 'accuracy'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const seen: string[] = [];
          let after: string | null = null;
          for (let page = 0; page < 10; page++) {
            const result = await pageModels(db, { first: 2, after, orderBy: { field, direction } });
            expect(result.totalCount).toBe(5);
            seen.push(...result.rows.map((r) => r.name));
            if (!result.hasNextPage) break;
            after = result.rows.at(-1)!.cursor;
          }
          expect(new Set(seen).size, `${field} ${direction}`).toBe(5);
          if (field === 'name') expect(seen).toEqual(direction === 'asc' ? ['a', 'b', 'c', 'd', 'e'] : ['e', 'd', 'c', 'b', 'a']);
          if (field === 'accuracy' && direction === 'desc') expect(seen).toEqual(['b', 'd', 'c', 'e', 'a']);
        }
      }
    });

    it('filters models by architecture, dataset, tags and search', async () => {
      const { db } = handle;
      const byArch = await pageModels(db, { first: 20, orderBy: { field: 'createdAt', direction: 'asc' }, filter: { architecture: { eq: 'resnet18' }, dataset: { eq: 'cifar100' } } });
      expect(byArch.rows.map((r) => r.name).sort()).toEqual(['c', 'd']);
      expect(byArch.rows[0].architectureId).toBe((await getModel(db, modelIds[0]))!.architectureId);
      const window = { first: 20, orderBy: { field: 'createdAt', direction: 'asc' } } as const;
      expect((await pageModels(db, { ...window, filter: { and: [{ tag: { eq: 'paper' } }, { tag: { eq: 'x' } }] } })).rows.map((r) => r.name)).toEqual(['a']);
      expect((await pageModels(db, { ...window, filter: { name: { contains: 'B' } } })).totalCount).toBe(1);
      await expect(pageModels(db, { ...window, after: 'nonsense' })).rejects.toBeInstanceOf(InvalidCursorError);
      expect((await findModel(db, String(modelIds[2])))?.name).toBe('e');
      expect((await findModel(db, 'b'))?.id).toBe(modelIds[3]);
      expect(await findModel(db, 'nope')).toBeUndefined();
    });

    it('stores layers, examples and class fits, and loads them in batches', async () => {
      const { db } = handle;
      const [m0, m1] = modelIds;
      await insertLayers(db, [0, 1].flatMap((index) => [m0, m1].map((modelId) => ({
        modelId, name: `stage${index + 1}`, index, relativeDepth: (index + 1) / 2, dim: 8, exampleCount: 6, activationsArtifact: `${'a'.repeat(64)}.npy`,
      }))));
      const layerRows = await layersByModelIds(db, [m0, m1]);
      expect(layerRows.map((l) => [l.modelId, l.index])).toEqual([[m0, 0], [m0, 1], [m1, 0], [m1, 1]]);
      await upsertExamples(db, [0, 1, 2, 3, 4, 5].map((index) => ({ modelId: m0, index, label: index % 2, memorization: index / 10 })));
      await upsertExamples(db, [{ modelId: m0, index: 5, label: 1, memorization: 0.9 }]);
      expect(await classCountsOfModel(db, m0)).toEqual([{ label: 0, count: 3 }, { label: 1, count: 3 }]);
      const top = await examplesOfClass(db, m0, 1, { first: 2, orderByMemorization: 'desc' });
      expect(top.map((e) => [e.index, e.memorization])).toEqual([[5, 0.9], [3, 0.3]]);

      const { run } = await enqueueRun(db, { modelId: m0, configKey: 'k', config: {}, seed: 1 });
      const fits = layerRows.filter((l) => l.modelId === m0).flatMap((l) => [0, 1].map((label) => ({
        runId: run.id, layerId: l.id, label, n: 3, meanLogDensity: label - l.index, clusterCountTrace: [1, 2, 3],
      })));
      await upsertClassFits(db, fits);
      await upsertClassFits(db, fits.map((f) => ({ ...f, meanLogDensity: 42 })));
      const byLayer = await classFitsByLayerIds(db, [layerRows[0].id]);
      expect(byLayer.map((f) => f.meanLogDensity)).toEqual([42, 42]);
      expect(byLayer[0].clusterCountTrace).toEqual([1, 2, 3]);
      expect((await classFitsByRunLayers(db, [{ runId: run.id, layerId: layerRows[1].id }])).length).toBe(2);
      expect((await tableCounts(db)).class_fits).toBe(4);
    });

    it('keeps a model\'s images artifact and image shape (null without images)', async () => {
      const { db } = handle;
      const project = await upsertProject(db, 'default');
      const arch = await upsertArchitecture(db, { name: 'resnet18', family: 'resnet', depth: 18 });
      const dataset = await upsertDataset(db, 'fashion_mnist', 10);
      const key = `${'b'.repeat(64)}.npy`;
      const row = await insertModel(db, { projectId: project.id, name: 'with-images', architectureId: arch.id, datasetId: dataset.id, imagesArtifact: key, imageShape: [28, 28, 1] });
      expect(await getModel(db, row.id)).toMatchObject({ imagesArtifact: key, imageShape: [28, 28, 1] });
      expect((await modelsByIds(db, [modelIds[0]]))[0]).toMatchObject({ imagesArtifact: null, imageShape: null });
    });

    it('looks up example scores by (run, layer, example) in one batch', async () => {
      const { db } = handle;
      const m0 = modelIds[0];
      const layerRows = (await layersByModelIds(db, [m0])).sort((a, b) => a.index - b.index);
      const examples = [...(await examplesOfClass(db, m0, 0, { first: 10 })), ...(await examplesOfClass(db, m0, 1, { first: 10 }))];
      const { run } = await enqueueRun(db, { modelId: m0, configKey: 'scores', config: {}, seed: 2 });
      await upsertExampleScores(db, layerRows.flatMap((l) => examples.map((e) => ({ runId: run.id, layerId: l.id, exampleId: e.id, ownLogDensity: 100 * l.index + e.index, predictedClass: e.label }))));
      const keys = [
        { runId: run.id, layerId: layerRows[1].id, exampleId: examples[0].id },
        { runId: run.id, layerId: layerRows[0].id, exampleId: examples[4].id },
        { runId: run.id, layerId: layerRows[1].id, exampleId: examples[5].id },
        { runId: run.id + 1000, layerId: layerRows[0].id, exampleId: examples[0].id },
      ];
      const rows = await exampleScoresByKeys(db, keys);
      const found = new Map(rows.map((r) => [`${r.runId}:${r.layerId}:${r.exampleId}`, r.ownLogDensity]));
      expect(keys.map((k) => found.get(`${k.runId}:${k.layerId}:${k.exampleId}`))).toEqual([100 + examples[0].index, examples[4].index, 100 + examples[5].index, undefined]);
      expect(await exampleScoresByKeys(db, [])).toEqual([]);
    });

    it('runs the job lifecycle: enqueue idempotently, claim once, heartbeat, cancel, requeue stale', async () => {
      const { db } = handle;
      const m = modelIds[1];
      const first = await enqueueRun(db, { modelId: m, configKey: 'cfg', config: { a: 1 }, seed: 7 });
      const second = await enqueueRun(db, { modelId: m, configKey: 'cfg', config: { a: 1 }, seed: 7 });
      expect(first.created).toBe(true);
      expect(second).toMatchObject({ created: false, run: { id: first.run.id } });

      const claimed = await claimRun(db, 'w1', { runId: first.run.id });
      expect(claimed).toMatchObject({ status: 'running', workerId: 'w1', attempts: 1 });
      expect(await claimRun(db, 'w2', { runId: first.run.id })).toBeUndefined();
      expect(await heartbeatRun(db, first.run.id, 'w2')).toEqual({ owned: false, cancelRequested: false });
      await requestRunCancel(db, first.run.id);
      const beat = await heartbeatRun(db, first.run.id, 'w1', { phase: 'fit', sweep: 3, totalSweeps: 10 });
      expect(beat).toEqual({ owned: true, cancelRequested: true });
      expect((await getRun(db, first.run.id))?.progress).toEqual({ phase: 'fit', sweep: 3, totalSweeps: 10 });

      expect(await requeueStaleRuns(db, { staleMs: 60_000 })).toEqual([]);
      const requeued = await requeueStaleRuns(db, { staleMs: 60_000, workerId: 'w1' });
      expect(requeued.map((r) => r.id)).toEqual([first.run.id]);
      const reclaimed = await claimRun(db, 'w3', { runId: first.run.id });
      expect(reclaimed?.attempts).toBe(2);
      await finishRun(db, first.run.id, { status: 'succeeded' });
      const again = await enqueueRun(db, { modelId: m, configKey: 'cfg', config: { a: 1 }, seed: 7 });
      expect(again.run.status).toBe('succeeded');
      // A rerun of a succeeded run is a new run from scratch; the old one steps aside, still succeeded.
      const rerun = await enqueueRun(db, { modelId: m, configKey: 'cfg', config: { a: 1 }, seed: 7 }, { rerun: true });
      expect(rerun).toMatchObject({ created: true, run: { status: 'queued', configKey: 'cfg', checkpointArtifact: null, attempts: 0 } });
      expect(rerun.run.id).not.toBe(first.run.id);
      expect(await getRun(db, first.run.id)).toMatchObject({ status: 'succeeded', configKey: `cfg~superseded-${first.run.id}` });
      expect((await enqueueRun(db, { modelId: m, configKey: 'cfg', config: { a: 1 }, seed: 7 })).run.id).toBe(rerun.run.id);
      // Two reruns at once make one new run.
      await claimRun(db, 'w4', { runId: rerun.run.id });
      await finishRun(db, rerun.run.id, { status: 'succeeded' });
      const both = await Promise.all([1, 2].map(() => enqueueRun(db, { modelId: m, configKey: 'cfg', config: { a: 1 }, seed: 7 }, { rerun: true })));
      expect(both.map((r) => r.created).sort()).toEqual([false, true]);
      expect(both[1].run.id).toBe(both[0].run.id);
    });

    it('ends a run failed, with the reason, once its worker has died under it the maximum number of times', async () => {
      const { db } = handle;
      const { run } = await enqueueRun(db, { modelId: modelIds[1], configKey: 'crashes', config: {}, seed: 1 });
      for (let attempt = 1; attempt <= MAX_RUN_ATTEMPTS; attempt++) {
        const claimed = await claimRun(db, `w${attempt}`, { runId: run.id });
        expect(claimed?.attempts).toBe(attempt);
        const [recovered] = await requeueStaleRuns(db, { staleMs: 60_000, workerId: `w${attempt}` });
        expect(recovered.status).toBe(attempt < MAX_RUN_ATTEMPTS ? 'queued' : 'failed');
      }
      const failed = await getRun(db, run.id);
      expect(failed).toMatchObject({ status: 'failed', workerId: null, error: `its worker stopped without finishing ${MAX_RUN_ATTEMPTS} times (last: w${MAX_RUN_ATTEMPTS}); not retried` });
      expect(failed?.finishedAt).toBeInstanceOf(Date);
      expect(await claimRun(db, 'w9', { runId: run.id })).toBeUndefined();
    });
  });
}
