import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../jobs/job-runner.ts';
import { defaultTasks } from '../jobs/tasks/index.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { importSynthetic, writeSyntheticFiles } from '../testing/synthetic-model.ts';
import { toGlobalId } from './global-id.ts';

/**
 * The API over the real pipeline: a model imported by the import service, analysed by the job runner after a
 * `startAnalysis` mutation, then read back (heatmap, class fits) and queried with new points.
 */
describe('GraphQL over a real analysis', () => {
  let api: TestApi;
  let modelId: string;

  beforeAll(async () => {
    api = await openTestApi(apiTestEngines()[0]);
    const imported = await importSynthetic(api.app, await writeSyntheticFiles(), 'synthetic');
    modelId = toGlobalId('Model', imported.model.id);
  });
  afterAll(() => api?.close());

  it('queues, runs and serves an analysis end to end', async () => {
    const started = await api.execute(
      `mutation($input: StartAnalysisInput!) { startAnalysis(input: $input) { fitRun { id status } userErrors { field message } } }`,
      { input: { modelId, iterations: 8, burnIn: 4, thin: 2, seed: 3 } },
    );
    expect(started.data!.startAnalysis.userErrors).toEqual([]);
    expect(started.data!.startAnalysis.fitRun.status).toBe('QUEUED');
    const runner = createJobRunner(api.app, { tasks: defaultTasks, workers: 1 });
    const outcome = await runner.runNext();
    expect(outcome?.outcome, String((outcome?.result as Error)?.stack)).toBe('succeeded');

    const read = await api.execute(
      `query($id: ID!) { model(id: $id) { status latestFitRun { id status progress { fraction } }
        heatmap(statistic: MEAN_LOG_DENSITY) { labels rows { layer { id name reducedDim } values groupSplit { threshold } } }
        layers { nodes { classFits { totalCount nodes { id label n meanLogDensity relativeEntropy diagnostics { sweeps clusterCounts { series { totalPoints } } } } } } } } }`,
      { id: modelId },
    );
    expect(read.errors).toBeUndefined();
    const model = read.data!.model;
    expect(model).toMatchObject({ status: 'SUCCEEDED', latestFitRun: { status: 'SUCCEEDED', progress: { fraction: 1 } } });
    expect(model.heatmap.labels).toEqual([0, 1, 2]);
    expect(model.heatmap.rows).toHaveLength(2);
    for (const row of model.heatmap.rows) expect(row.values.every((v: number | null) => v !== null && Number.isFinite(v))).toBe(true);
    const fits = model.layers.nodes[0].classFits;
    expect(fits.totalCount).toBe(3);
    expect(fits.nodes[0].n).toBe(24);

    const layer = model.heatmap.rows[0].layer;
    const scored = await api.execute(
      `query($layer: ID!, $points: PointsInput!) { logDensity(layerId: $layer, points: $points) { labels rows } classify(layerId: $layer, points: $points) { labels } }`,
      { layer: layer.id, points: { rows: [[0, 0, 0, 0], [3, -3, 3, -3]] } },
    );
    expect(scored.errors).toBeUndefined();
    expect(scored.data!.logDensity.rows).toHaveLength(2);
    expect(scored.data!.logDensity.rows.flat().every((v: number) => Number.isFinite(v))).toBe(true);
    expect(scored.data!.classify.labels).toHaveLength(2);
    const sample = await api.execute(`query($id: ID!) { sampleClass(classFitId: $id, n: 5, seed: 0) { samples { shape } } }`, { id: fits.nodes[1].id });
    expect(sample.data!.sampleClass.samples.shape).toEqual([5, layer.reducedDim]);
  });
});
