/**
 * A re-analysis of only some layers becomes the model's newest run, but must not hide the other layers' results:
 * by default every layer's figures come from the newest succeeded run that fitted that layer (GraphQL layer fields,
 * the heatmap, the comparison, `classfit report`), and each says which run that is.
 */
import { claimRun, enqueueRun, finishRun, upsertClassFits, upsertGroupSplits, upsertLayerFit, type FitRunRow } from '@classfit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelReport } from '../services/model-report.ts';
import { toGlobalId } from '../services/views/global-id.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';

describe.each(apiTestEngines())('a partial re-analysis on $name', (engine) => {
  let api: TestApi;
  let seeded: Seeded;
  let full: FitRunRow;
  let partial: FitRunRow;

  beforeAll(async () => {
    api = await openTestApi(engine);
    seeded = await seedAnalysedModels(api.app, 3);
    const model = seeded.models[0];
    full = seeded.runs.get(model.id)!;
    const first = seeded.layers.get(model.id)!.find((l) => l.index === 0)!;
    // Re-analyse stage 0 only, with recognisably different numbers (mean log-density +1000).
    const { run } = await enqueueRun(api.app.db, { modelId: model.id, configKey: 'stage-0-only', config: { layers: [first.name], iterations: 10, burnIn: 4, thin: 2 }, seed: 9 });
    await claimRun(api.app.db, 'w', { runId: run.id });
    await upsertLayerFit(api.app.db, { runId: run.id, layerId: first.id, reducedDim: 2, classCount: 3, predictiveArtifact: seeded.predictiveArtifact });
    await upsertClassFits(api.app.db, [0, 1, 2].map((label) => ({
      runId: run.id, layerId: first.id, label, n: 10, meanLogDensity: 1000 + label, sdLogDensity: 1, relativeEntropy: null, relativeEntropySe: null, meanDistance: null,
      group: null, clusterCountTrace: [2, 2], diagnostics: { rHat: null, logLikelihoods: [-1, -1], alphas: [1, 1] }, predictiveArtifact: seeded.predictiveArtifact,
    })));
    await upsertGroupSplits(api.app.db, [{ runId: run.id, layerId: first.id, threshold: 1000.5, gap: 1, lowCount: 1, highCount: 2 }]);
    await finishRun(api.app.db, run.id, { status: 'succeeded' });
    partial = { ...run, status: 'succeeded' };
  });
  afterAll(() => api?.close());

  it('keeps every layer on the newest run that fitted it, and says which', async () => {
    const id = toGlobalId('Model', seeded.models[0].id);
    const result = await api.execute(
      `query($id: ID!) { model(id: $id) {
        latestFitRun { id }
        layers { nodes { index fitRun { id } classFits { nodes { label meanLogDensity } } groupSplit { threshold } } }
        heatmap(statistic: MEAN_LOG_DENSITY) { fitRun { id } rows { layer { index } fitRun { id } values } }
      } }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    const model = result.data!.model;
    const [fullId, partialId] = [toGlobalId('FitRun', full.id), toGlobalId('FitRun', partial.id)];
    expect(model.latestFitRun.id).toBe(partialId);
    const layers = model.layers.nodes as { index: number; fitRun: { id: string }; classFits: { nodes: { meanLogDensity: number }[] }; groupSplit: { threshold: number } }[];
    expect(layers.map((l) => l.fitRun.id)).toEqual([partialId, fullId, fullId, fullId].slice(0, layers.length));
    expect(layers[0].classFits.nodes.map((f) => f.meanLogDensity)).toEqual([1000, 1001, 1002]);
    expect(layers[0].groupSplit.threshold).toBe(1000.5);
    for (const layer of layers.slice(1)) {
      expect(layer.classFits.nodes).toHaveLength(3);
      expect(layer.classFits.nodes[0].meanLogDensity).toBeCloseTo(-layer.index, 9);
    }
    const heatmap = model.heatmap;
    expect(heatmap.rows.map((r: any) => r.layer.index)).toEqual(layers.map((l) => l.index));
    expect(heatmap.rows.map((r: any) => r.fitRun.id)).toEqual(layers.map((l) => l.fitRun.id));
    expect(heatmap.rows[0].values[0]).toBe(1000);
    expect(heatmap.fitRun.id).toBe(partialId);

    // naming a run still reads exactly that run: the partial one has stage 0 only
    const named = await api.execute(`query($id: ID!, $run: ID) { model(id: $id) { heatmap(statistic: MEAN_LOG_DENSITY, fitRun: $run) { rows { layer { index } } } } }`, { id, run: fullId });
    expect(named.data!.model.heatmap.rows.map((r: any) => r.layer.index)).toEqual(layers.map((l) => l.index));
    const onlyPartial = await api.execute(`query($id: ID!, $run: ID) { model(id: $id) { heatmap(statistic: MEAN_LOG_DENSITY, fitRun: $run) { rows { layer { index } } } } }`, { id, run: partialId });
    expect(onlyPartial.data!.model.heatmap.rows.map((r: any) => r.layer.index)).toEqual([0]);
  });

  it('aligns a comparison on every layer of both models, each entry with its run', async () => {
    const ids = seeded.models.map((m) => toGlobalId('Model', m.id));
    const result = await api.execute(`query($ids: [ID!]!) { compareModels(ids: $ids, statistic: MEAN_LOG_DENSITY) { depths { relativeDepth entries { layer { index } fitRun { id } } } } }`, { ids });
    expect(result.errors).toBeUndefined();
    const depths = result.data!.compareModels.depths as { entries: { layer: { index: number }; fitRun: { id: string } }[] }[];
    expect(depths.length).toBe(seeded.layers.get(seeded.models[0].id)!.length);
    expect(depths.map((d) => d.entries[0].layer.index)).toEqual(depths.map((d) => d.entries[1].layer.index)); // same stages side by side
    expect(depths[0].entries[0].fitRun.id).toBe(toGlobalId('FitRun', partial.id));
    expect(depths[1].entries[0].fitRun.id).toBe(toGlobalId('FitRun', full.id));
  });

  it('compares a model on a run named in fitRuns, the other model on its defaults, and refuses runs of other models', async () => {
    const ids = seeded.models.slice(0, 2).map((m) => toGlobalId('Model', m.id));
    const document = `query($ids: [ID!]!, $runs: [ID!]) { compareModels(ids: $ids, statistic: MEAN_LOG_DENSITY, fitRuns: $runs) { depths { entries { layer { index } fitRun { id } mean } } } }`;
    const [fullId, partialId] = [toGlobalId('FitRun', full.id), toGlobalId('FitRun', partial.id)];
    const other = toGlobalId('FitRun', seeded.runs.get(seeded.models[1].id)!.id);
    const byDefault = (await api.execute(document, { ids })).data!.compareModels.depths as { entries: { layer: { index: number }; fitRun: { id: string }; mean: number }[] }[];
    const named = await api.execute(document, { ids, runs: [fullId] });
    expect(named.errors).toBeUndefined();
    const depths = named.data!.compareModels.depths as typeof byDefault;
    // stage 0 of the first model now comes from the full run, with its own numbers (not the partial run's ≈ 1001)
    expect(depths.map((d) => d.entries[0].fitRun.id)).toEqual(depths.map(() => fullId));
    expect(byDefault[0].entries[0].mean).toBeCloseTo(1001, 9);
    expect(depths[0].entries[0].mean).not.toBeCloseTo(1001, 0);
    expect(depths.map((d) => d.entries[1].fitRun.id)).toEqual(byDefault.map((d) => d.entries[1].fitRun.id));
    // the partial run fitted stage 0 only: every depth aligns to that one layer
    const onlyPartial = (await api.execute(document, { ids, runs: [partialId, other] })).data!.compareModels.depths as typeof byDefault;
    expect(onlyPartial.map((d) => d.entries[0].layer.index)).toEqual([0]);
    expect(onlyPartial[0].entries[1].fitRun.id).toBe(other);

    const third = toGlobalId('FitRun', seeded.runs.get(seeded.models[2].id)!.id);
    const foreign = await api.execute(document, { ids, runs: [third] });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.errors?.[0]?.message).toMatch(/belongs to none of the compared models/);
    const twice = await api.execute(document, { ids, runs: [fullId, partialId] });
    expect(twice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(twice.errors?.[0]?.message).toMatch(/two runs/);
  });

  it('reports each layer from its own run in classfit report', async () => {
    const report = await modelReport(api.app.db, seeded.models[0].name);
    expect(report.layers.map((l) => l.runId)).toEqual([partial.id, ...report.layers.slice(1).map(() => full.id)]);
    expect(report.layers[0].meanLogDensity.high).toBeNull(); // the partial run stored no groups
    expect(report.runId).toBe(partial.id);
  });
});
