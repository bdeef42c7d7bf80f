import { examplesOfModel, setExampleRobustness, upsertCertification } from '@classfit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_TABLES } from '../server/export/tables.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';
import { toGlobalId } from '../services/views/global-id.ts';

// Seeded layer stage2 of model-000 sorts label 2 (bin 0) < label 1 (bin 1) < label 0 (bin 2), 10 examples each.
// Certified by hand: bin 0 — #2 r 0.4 (pred 2 ✓), #5 abstained, #8 r 0.8 (pred 1 ✗); bin 1 — #1 r 1.0 (pred 1 ✓); bin 2 — none.
const EXPECTED = [
  { index: 0, certifiedCount: 3, meanRadius: 0.4, sdRadius: Math.sqrt(0.32 / 3), abstainRate: 1 / 3, smoothedAccuracy: 1 / 3 },
  { index: 1, certifiedCount: 1, meanRadius: 1, sdRadius: 0, abstainRate: 0, smoothedAccuracy: 1 },
  { index: 2, certifiedCount: 0, meanRadius: null, sdRadius: null, abstainRate: null, smoothedAccuracy: null },
];

function expectClose(got: Record<string, unknown>, expected: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === 'number') expect(got[key], key).toBeCloseTo(value, 12);
    else expect(got[key], key).toBe(value);
  }
}

describe.each(apiTestEngines())('per-bin certified robustness on $name', (engine) => {
  let api: TestApi;
  let seeded: Seeded;
  const BINS = `nodes { index count certifiedCount meanRadius sdRadius abstainRate smoothedAccuracy }`;

  beforeAll(async () => {
    api = await openTestApi(engine);
    seeded = await seedAnalysedModels(api.app, 2);
    const model = seeded.models[0];
    const byIndex = new Map((await examplesOfModel(api.app.db, model.id)).map((e) => [e.index, e.id]));
    await setExampleRobustness(api.app.db, [
      { exampleId: byIndex.get(2)!, radius: 0.4, abstained: false, prediction: 2 },
      { exampleId: byIndex.get(5)!, radius: 0, abstained: true, prediction: -1 },
      { exampleId: byIndex.get(8)!, radius: 0.8, abstained: false, prediction: 1 },
      { exampleId: byIndex.get(1)!, radius: 1, abstained: false, prediction: 1 },
    ]);
    const layer = seeded.layers.get(model.id)![1];
    await upsertCertification(api.app.db, {
      modelId: model.id, network: '/nets/plain-noise0.5', sigma: 0.5, n0: 50, n: 500, alpha: 0.001, seed: 0, perBin: 4,
      runId: seeded.runs.get(model.id)!.id, layerId: layer.id, exampleCount: 4,
    });
  });
  afterAll(() => api?.close());

  it('summarises the stored certificates per density bin, equal to the hand-computed values', async () => {
    const model = seeded.models[0];
    const result = await api.execute(`query($id: ID!) { model(id: $id) {
      certification { network sigma n0 n alpha perBin exampleCount layer { name } }
      layers { nodes { name densityBins { ${BINS} } } }
      examples(first: 3) { nodes { index robustness robustnessAbstained smoothedPrediction } } } }`, { id: toGlobalId('Model', model.id) });
    expect(result.errors).toBeUndefined();
    const m = result.data!.model;
    expect(m.certification).toEqual({ network: '/nets/plain-noise0.5', sigma: 0.5, n0: 50, n: 500, alpha: 0.001, perBin: 4, exampleCount: 4, layer: { name: 'stage2' } });
    const stage2 = m.layers.nodes.find((l: any) => l.name === 'stage2').densityBins.nodes;
    expect(stage2).toHaveLength(3);
    stage2.forEach((bin: Record<string, unknown>, i: number) => expectClose(bin, EXPECTED[i]));
    expect(m.examples.nodes).toEqual([
      { index: 0, robustness: null, robustnessAbstained: null, smoothedPrediction: null },
      { index: 1, robustness: 1, robustnessAbstained: false, smoothedPrediction: 1 },
      { index: 2, robustness: 0.4, robustnessAbstained: false, smoothedPrediction: 2 },
    ]);
  });

  it('gives 0 certified and null statistics for a model that was never certified', async () => {
    const result = await api.execute(`query($id: ID!) { model(id: $id) { certification { n } layers { nodes { densityBins { ${BINS} } } } } }`, {
      id: toGlobalId('Model', seeded.models[1].id),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.model.certification).toBeNull();
    for (const layer of result.data!.model.layers.nodes) {
      for (const bin of layer.densityBins.nodes) expect(bin).toMatchObject({ certifiedCount: 0, meanRadius: null, sdRadius: null, abstainRate: null, smoothedAccuracy: null });
    }
  });

  it('exports the per-bin robustness columns with the density bins', async () => {
    const table = EXPORT_TABLES['density-bins'];
    expect(table.columns).toEqual(expect.arrayContaining(['certifiedCount', 'meanRadius', 'sdRadius', 'abstainRate', 'smoothedAccuracy']));
    const layer = seeded.layers.get(seeded.models[0].id)![1];
    const rows: Record<string, unknown>[] = [];
    for await (const row of table.rows(api.newContext(), new URLSearchParams({ layer: toGlobalId('Layer', layer.id) }))) rows.push(row);
    expect(rows.map((r) => r.bin)).toEqual([0, 1, 2]);
    rows.forEach((row, i) => {
      const { index: _index, ...expected } = EXPECTED[i];
      expectClose(row, { layer: 'stage2', count: 10, ...expected });
    });
  });
});
