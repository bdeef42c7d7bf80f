import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client.ts';
import { testEngines } from '../testing/test-databases.ts';
import { upsertArchitecture, upsertDataset, upsertProject } from './catalog.ts';
import {
  certificationOfModel, certificationsByModelIds, certifiedExampleCount, clearExampleRobustness, rankedCertifiedExamples,
  setExampleRobustness, upsertCertification,
} from './certifications.ts';
import { upsertExampleScores } from './example-scores.ts';
import { examplesOfModel, upsertExamples } from './examples.ts';
import { enqueueRun } from './fit-runs.ts';
import { insertLayers } from './layers.ts';
import { insertModel } from './models.ts';

for (const engine of testEngines()) {
  describe(`certification queries on ${engine.name}`, () => {
    let handle: DbHandle;
    let modelId: number;
    let runId: number;
    let layerId: number;
    let exampleIds: number[];

    beforeAll(async () => {
      handle = await engine.open();
      const { db } = handle;
      const project = await upsertProject(db, 'default');
      const dataset = await upsertDataset(db, 'toy', 2);
      const arch = await upsertArchitecture(db, { name: 'plaincnn', family: 'plain', depth: 8 });
      modelId = (await insertModel(db, { projectId: project.id, name: 'm', architectureId: arch.id, datasetId: dataset.id })).id;
      await upsertExamples(db, [0, 1, 2, 3, 4, 5].map((index) => ({ modelId, index, label: index % 2 })));
      exampleIds = (await examplesOfModel(db, modelId)).map((e) => e.id);
      [{ id: layerId }] = await insertLayers(db, [{ modelId, name: 'stage4', index: 0, relativeDepth: 1, dim: 4, exampleCount: 6, activationsArtifact: `${'a'.repeat(64)}.npy` }]);
      runId = (await enqueueRun(db, { modelId, configKey: 'k', config: {}, seed: 0 })).run.id;
      // log-densities by index: 3, 1, 2, 1, 0, 5 → order (ties by index) 4, 1, 3, 2, 0, 5
      const logp = [3, 1, 2, 1, 0, 5];
      await upsertExampleScores(db, exampleIds.map((exampleId, i) => ({ runId, layerId, exampleId, ownLogDensity: logp[i] })));
    });
    afterAll(async () => handle?.close());

    it('stores per-example results and ranks certified examples in density-bin order (ties by index)', async () => {
      const { db } = handle;
      await setExampleRobustness(db, [
        { exampleId: exampleIds[3], radius: 0.25, abstained: false, prediction: 1 },
        { exampleId: exampleIds[1], radius: 0, abstained: true, prediction: -1 },
        { exampleId: exampleIds[5], radius: 1.5, abstained: false, prediction: 0 },
      ]);
      const ranked = await rankedCertifiedExamples(db, runId, layerId);
      expect(ranked.map((r) => [r.index, r.rank])).toEqual([[1, 1], [3, 2], [5, 5]]);
      expect(ranked[0]).toMatchObject({ radius: 0, abstained: true, prediction: -1, label: 1 });
      expect(ranked[2]).toMatchObject({ radius: 1.5, abstained: false, prediction: 0, label: 1 });
      expect(await certifiedExampleCount(db, modelId)).toBe(3);
      // a second write overwrites one example and leaves the others
      await setExampleRobustness(db, [{ exampleId: exampleIds[3], radius: 0.5, abstained: false, prediction: 0 }]);
      expect((await rankedCertifiedExamples(db, runId, layerId)).map((r) => r.radius)).toEqual([0, 0.5, 1.5]);
      await clearExampleRobustness(db, modelId);
      expect(await certifiedExampleCount(db, modelId)).toBe(0);
      expect(await rankedCertifiedExamples(db, runId, layerId)).toEqual([]);
    });

    it('keeps one settings row per model, replaced on upsert', async () => {
      const { db } = handle;
      const settings = { modelId, network: 'net', sigma: 0.5, n0: 10, n: 100, alpha: 0.001, seed: 0, perBin: 2, runId, layerId, exampleCount: 4 };
      const first = await upsertCertification(db, settings);
      const second = await upsertCertification(db, { ...settings, n: 200, exampleCount: 6 });
      expect(second.id).toBe(first.id);
      expect(await certificationOfModel(db, modelId)).toMatchObject({ n: 200, exampleCount: 6, sigma: 0.5 });
      expect((await certificationsByModelIds(db, [modelId, modelId + 99])).map((c) => c.modelId)).toEqual([modelId]);
      expect(await certificationOfModel(db, modelId + 99)).toBeUndefined();
    });
  });
}
