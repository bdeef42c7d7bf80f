import { formatPredictive, readPredictiveFile } from '@classfit/core/density';
import { layerFitsByRunIds, memorizationSubsetsOfModel, upsertLayerFit } from '@classfit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../jobs/job-runner.ts';
import { EXPORT_TABLES } from '../server/export/tables.ts';
import { defaultTasks } from '../jobs/tasks/index.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { importSynthetic, writeSyntheticFiles } from '../testing/synthetic-model.ts';
import { fromGlobalId, toGlobalId } from '../services/views/global-id.ts';

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

  it("serves each layer's display name beside the name of the file it was imported from", async () => {
    const read = await api.execute(`query($id: ID!) { model(id: $id) { layers { nodes { name sourceName index } } } }`, { id: modelId });
    expect(read.errors).toBeUndefined();
    expect(read.data!.model.layers.nodes).toEqual([{ name: 'early', sourceName: 'layer0', index: 0 }, { name: 'late', sourceName: 'layer1', index: 1 }]);
  });

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
        chainSd: heatmap(statistic: MEAN_LOG_DENSITY_CHAIN_SD) { labels rows { values } }
        entropyChainSd: heatmap(statistic: RELATIVE_ENTROPY_CHAIN_SD) { rows { values } }
        heldOutGap: heatmap(statistic: HELD_OUT_GAP) { labels rows { values } }
        layers { nodes { name
          groupSplit { gap lowCount highCount chains chainGaps chainsAgreeing
            significance { passes level modesPValue criticalBandwidth modesReplicates gap { estimate low high } sdRatio { estimate low high } stability bootstrapReplicates intervalLevel } }
          classFits { totalCount nodes { id label n meanLogDensity relativeEntropy group
            chainSpread { chains meanLogDensities meanLogDensitySd relativeEntropies relativeEntropySd groupAgreement }
            heldOutDensity { count inSampleMeanLogDensity heldOutMeanLogDensity gap }
            diagnostics { sweeps chains rHat clusterCountRHat clusterCounts { chain series { totalPoints } } } } } } } } }`,
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

    // Two chains by default: per-chain traces, both R-hats, the between-chain spread and the split's chain agreement.
    for (const layerNode of model.layers.nodes) {
      const split = layerNode.groupSplit;
      expect(split.chains).toBe(2);
      expect(split.chainGaps).toHaveLength(2);
      expect(split.chainsAgreeing).toBeGreaterThanOrEqual(0);
      expect(split.chainsAgreeing).toBeLessThanOrEqual(2);
      const sig = split.significance;
      expect(sig).toMatchObject({ level: 0.05, modesReplicates: 1000, bootstrapReplicates: 200, intervalLevel: 0.95, passes: sig.modesPValue < 0.05 });
      expect(sig.modesPValue).toBeGreaterThan(0);
      expect(sig.modesPValue).toBeLessThanOrEqual(1);
      expect(sig.gap.estimate).toBeCloseTo(split.gap, 9);
      expect(sig.gap.low).toBeLessThanOrEqual(sig.gap.high);
      for (const fit of layerNode.classFits.nodes) {
        expect(fit.diagnostics.chains).toBe(2);
        expect(fit.diagnostics.clusterCounts.map((c: { chain: number }) => c.chain)).toEqual([0, 1]);
        expect(fit.diagnostics.rHat).toBeGreaterThan(0);
        expect(fit.diagnostics.clusterCountRHat).toBeGreaterThan(0);
        const spread = fit.chainSpread;
        expect(spread.chains).toBe(2);
        expect(spread.meanLogDensities).toHaveLength(2);
        // The pooled mean log-density is the mean of the chains' (log-averaged traces; float32 scoring, so ~1e-6 relative).
        expect(Math.abs((spread.meanLogDensities[0] + spread.meanLogDensities[1]) / 2 - fit.meanLogDensity)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fit.meanLogDensity)));
        expect(spread.meanLogDensitySd).toBeCloseTo(Math.abs(spread.meanLogDensities[0] - spread.meanLogDensities[1]) / Math.SQRT2, 9);
        expect((spread.relativeEntropies[0] + spread.relativeEntropies[1]) / 2).toBeCloseTo(fit.relativeEntropy, 9);
        // The heatmap statistics of the between-chain spread read the same stored numbers.
        const li = model.layers.nodes.indexOf(layerNode);
        const column = model.chainSd.labels.indexOf(fit.label);
        expect(model.chainSd.rows[li].values[column]).toBe(spread.meanLogDensitySd);
        expect(model.entropyChainSd.rows[li].values[column]).toBe(spread.relativeEntropySd);
        expect(spread.groupAgreement).toBeGreaterThanOrEqual(0);
        expect(spread.groupAgreement).toBeLessThanOrEqual(2);
      }
    }

    // Held-out densities: each class's held-out examples are exactly its examples in the union of the generative-classification
    // subsets (synthetic labels are index % 3), all scored under the refit without them.
    const heldOut = new Set((await memorizationSubsetsOfModel(api.app.db, fromGlobalId(modelId, 'Model'))).filter((s) => s.purpose === 'genclass').flatMap((s) => s.indices));
    expect(heldOut.size).toBe(21);
    for (const layerNode of model.layers.nodes) {
      for (const fit of layerNode.classFits.nodes) {
        const h = fit.heldOutDensity;
        expect(h.count).toBe([...heldOut].filter((i) => i % 3 === fit.label).length);
        expect(h.gap).toBeCloseTo(h.inSampleMeanLogDensity - h.heldOutMeanLogDensity, 12);
        expect(model.heldOutGap.rows[model.layers.nodes.indexOf(layerNode)].values[model.heldOutGap.labels.indexOf(fit.label)]).toBe(h.gap);
        for (const v of [h.inSampleMeanLogDensity, h.heldOutMeanLogDensity]) expect(Number.isFinite(v)).toBe(true);
      }
    }

    // The unsampled exports carry the same figures (CSV/JSON rows as the export route streams them).
    const collect = async (table: string, layerId: string) => {
      const rows: Record<string, unknown>[] = [];
      for await (const row of EXPORT_TABLES[table].rows(api.newContext(), new URLSearchParams({ layer: layerId }))) rows.push(row);
      return rows;
    };
    const firstLayer = model.heatmap.rows[0].layer.id;
    const exported = await collect('class-fits', firstLayer);
    expect(exported).toHaveLength(3);
    for (const [i, row] of exported.entries()) {
      const fit = model.layers.nodes[0].classFits.nodes[i];
      expect(row).toMatchObject({
        label: fit.label, chains: 2, chainMeanLogDensities: fit.chainSpread.meanLogDensities, meanLogDensityChainSd: fit.chainSpread.meanLogDensitySd,
        relativeEntropyChainSd: fit.chainSpread.relativeEntropySd, groupChainAgreement: fit.chainSpread.groupAgreement,
        logLikelihoodRHat: fit.diagnostics.rHat, clusterCountRHat: fit.diagnostics.clusterCountRHat,
        heldOutCount: fit.heldOutDensity.count, heldOutInSampleMeanLogDensity: fit.heldOutDensity.inSampleMeanLogDensity,
        heldOutMeanLogDensity: fit.heldOutDensity.heldOutMeanLogDensity, heldOutGap: fit.heldOutDensity.gap,
      });
    }
    const [splitRow] = await collect('group-splits', firstLayer);
    const sig = model.layers.nodes[0].groupSplit.significance;
    expect(splitRow).toMatchObject({
      passes: sig.passes, modesPValue: sig.modesPValue, gapLow: sig.gap.low, gapHigh: sig.gap.high, stability: sig.stability, intervalLevel: 0.95,
      chains: 2, chainGaps: model.layers.nodes[0].groupSplit.chainGaps, chainsAgreeing: model.layers.nodes[0].groupSplit.chainsAgreeing,
    });
    expect(EXPORT_TABLES['group-splits'].columns).toEqual(expect.arrayContaining(Object.keys(splitRow)));

    // The model step's layer × layer similarity, in GraphQL and the export alike.
    const similar = await api.execute(`query($id: ID!) { model(id: $id) { layerSimilarity { fitRun { id } layers { name } cka procrustes exampleCount } } }`, { id: modelId });
    expect(similar.errors).toBeUndefined();
    const similarity = similar.data!.model.layerSimilarity;
    expect(similarity).toMatchObject({ fitRun: { id: model.latestFitRun.id }, layers: [{ name: 'early' }, { name: 'late' }], exampleCount: 72 });
    expect(similarity.cka[0][0]).toBe(1);
    expect(similarity.cka[0][1]).toBe(similarity.cka[1][0]);
    expect(similarity.procrustes.map((row: number[], i: number) => row[i])).toEqual([0, 0]);
    const similarityRows = await collect('layer-similarity', firstLayer);
    expect(similarityRows).toEqual([
      { layer: 'early', otherLayer: 'early', cka: 1, procrustes: 0, exampleCount: 72 },
      { layer: 'early', otherLayer: 'late', cka: similarity.cka[0][1], procrustes: similarity.procrustes[0][1], exampleCount: 72 },
    ]);

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

    // The mixtures are stored in the binary form; a run stored before it (JSON v1) answers the same query alike.
    const runId = fromGlobalId(model.latestFitRun.id, 'FitRun');
    const [layerFit] = (await layerFitsByRunIds(api.app.db, [runId])).filter((f) => f.layerId === fromGlobalId(layer.id, 'Layer'));
    expect(layerFit.predictiveArtifact).toMatch(/\.npz$/);
    const asJson = formatPredictive(await readPredictiveFile(api.app.artifacts.path(layerFit.predictiveArtifact)));
    const jsonKey = await api.app.artifacts.put(new TextEncoder().encode(asJson), 'json');
    const { id: _id, ...row } = layerFit;
    await upsertLayerFit(api.app.db, { ...row, predictiveArtifact: jsonKey });
    const old = await api.execute(`query($layer: ID!, $points: PointsInput!) { logDensity(layerId: $layer, points: $points) { rows } }`, {
      layer: layer.id, points: { rows: [[0, 0, 0, 0], [3, -3, 3, -3]] },
    });
    expect(old.data!.logDensity.rows).toEqual(scored.data!.logDensity.rows);
  });
});
