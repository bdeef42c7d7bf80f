import { parsePredictive, scoreSamplesExact } from '@classfit/core/density';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { SEED_CLASS_CENTRES, seedAnalysedModels, seedPredictiveDocument, type Seeded } from '../testing/graphql-seed.ts';
import { toGlobalId } from '../services/views/global-id.ts';
import { toNumericArray } from '../services/views/numeric/numeric-array.ts';
import { POINT_LIMITS } from '../services/views/numeric/points-input.ts';

const decode = (data: string): Float32Array => new Float32Array(Uint8Array.from(Buffer.from(data, 'base64')).buffer);

const LOG_DENSITY = `query($layer: ID!, $points: PointsInput!, $space: PointSpace) { logDensity(layerId: $layer, points: $points, space: $space) {
  space labels rows logDensities { dtype shape data } layer { name } fitRun { status } } }`;
const CLASSIFY = `query($layer: ID!, $points: PointsInput!, $space: PointSpace) {
  classify(layerId: $layer, points: $points, space: $space) { space labels logDensities } }`;
const SAMPLE = `query($id: ID!, $n: Int!, $seed: Int) { sampleClass(classFitId: $id, n: $n, seed: $seed) { space seed rows samples { shape data } classFit { label } } }`;

describe.each(apiTestEngines())('fitted-density queries on $name', (engine) => {
  let api: TestApi;
  let seeded: Seeded;
  let layer: string;

  beforeAll(async () => {
    api = await openTestApi(engine);
    seeded = await seedAnalysedModels(api.app, 1);
    layer = toGlobalId('Layer', seeded.layers.get(seeded.models[0].id)![0].id);
  });
  afterAll(() => api?.close());

  it('scores points under every class, matching the exact Float64 scorer', async () => {
    const points = [[-5, 0], [0, 5], [3, 1]];
    const result = await api.execute(LOG_DENSITY, { layer, points: { rows: points }, space: 'REDUCED' });
    expect(result.errors).toBeUndefined();
    const out = result.data!.logDensity;
    expect(out).toMatchObject({ space: 'REDUCED', labels: [0, 1, 2], layer: { name: 'stage1' }, fitRun: { status: 'SUCCEEDED' }, logDensities: { dtype: 'float32', shape: [3, 3] } });
    const expected = scoreSamplesExact(parsePredictive(seedPredictiveDocument()), Float64Array.from(points.flat()), 3, 'reduced');
    // float32 tensors on the wire and in the default scorer: compare to ~1e-5 relative
    decode(out.logDensities.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 3));
    out.rows.flat().forEach((v: number, i: number) => expect(v).toBeCloseTo(expected[i], 3));
  });

  it('reads points in the raw space by default (projection applied) and in the reduced space when asked', async () => {
    const raw = toNumericArray([5, 0, 9, 9, 0, 5, -1, -1], [2, 4]);
    const result = await api.execute(CLASSIFY, { layer, points: { array: raw } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.classify).toMatchObject({ space: 'RAW', labels: [2, 1] });
    const direct = await api.execute(CLASSIFY, { layer, points: { rows: SEED_CLASS_CENTRES.map((c) => [...c]) }, space: 'REDUCED' });
    expect(direct.data!.classify).toMatchObject({ space: 'REDUCED', labels: [0, 1, 2] });
    // The seeded projection keeps the first two raw coordinates: raw points ≡ those coordinates given REDUCED.
    const rawRows = [[5, 0, 9, 9], [0, 5, -1, -1]];
    const viaRaw = await api.execute(LOG_DENSITY, { layer, points: { rows: rawRows } });
    const viaReduced = await api.execute(LOG_DENSITY, { layer, points: { rows: rawRows.map((r) => r.slice(0, 2)) }, space: 'REDUCED' });
    expect(viaRaw.data!.logDensity.space).toBe('RAW');
    expect(viaRaw.data!.logDensity.rows).toEqual(viaReduced.data!.logDensity.rows);
    expect(direct.data!.classify.logDensities.every((v: number) => Number.isFinite(v))).toBe(true);
  });

  it('samples reproducibly from one class, near its centre', async () => {
    const fitId = toGlobalId('ClassFit', (await api.app.db.query.classFits.findFirst({ where: (f, { eq }) => eq(f.label, 2) }))!.id);
    const a = await api.execute(SAMPLE, { id: fitId, n: 600, seed: 0 });
    expect(a.errors).toBeUndefined();
    const b = await api.execute(SAMPLE, { id: fitId, n: 600, seed: 0 });
    expect(a.data!.sampleClass.samples.data).toBe(b.data!.sampleClass.samples.data);
    const c = await api.execute(SAMPLE, { id: fitId, n: 600, seed: 1 });
    expect(c.data!.sampleClass.samples.data).not.toBe(a.data!.sampleClass.samples.data);
    expect(a.data!.sampleClass).toMatchObject({ space: 'REDUCED', seed: 0, rows: null, samples: { shape: [600, 2] }, classFit: { label: 2 } });
    const xs = decode(a.data!.sampleClass.samples.data);
    let mean = 0;
    for (let i = 0; i < 600; i++) mean += xs[2 * i] / 600;
    // mixture mean of class 2: 0.6·5 + 0.4·5.5 = 5.2; t(7) s.d. ≈ 1.2 → s.e. of the mean ≈ 0.06
    expect(Math.abs(mean - 5.2)).toBeLessThan(0.4);
    const small = await api.execute(SAMPLE, { id: fitId, n: 3 });
    expect(small.data!.sampleClass.rows).toHaveLength(3);
  });

  it('answers each bad input with a clear BAD_USER_INPUT naming the field', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ rows: [[1, 2, 3]] }, 'points', /raw space \(before the stored 4 → 2 projection\) must have 4 columns, got 3/],
      [{ rows: [[1, 2]] }, 'points', /raw space .* must have 4 columns, got 2/],
      [{ array: { dtype: 'float32', shape: [1, 2], data: 'AAAA*AAAAAAA' } }, 'points.array.data', /base64/],
      [{ array: { dtype: 'float64', shape: [1, 2], data: 'AAAAAAAAAAA=' } }, 'points.array.dtype', /float32/],
      [{ array: toNumericArray([Number.NaN, 1, 0, 0], [1, 4]) }, 'points', /row 0 column 0 is NaN/],
      [{ array: toNumericArray(new Float32Array(2 * (POINT_LIMITS.maxPoints + 1)), [POINT_LIMITS.maxPoints + 1, 2]) }, 'points.array.shape', /at most 10000/],
      [{}, 'points', /exactly one/],
    ];
    for (const [points, field, message] of cases) {
      const result = await api.execute(LOG_DENSITY, { layer, points });
      expect(result.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0].message).toMatch(message);
    }
    const fitId = toGlobalId('ClassFit', (await api.app.db.query.classFits.findFirst())!.id);
    for (const n of [0, POINT_LIMITS.maxSamples + 1]) {
      const result = await api.execute(SAMPLE, { id: fitId, n });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'n' });
    }
  });

  it('answers unknown layers and class fits with NOT_FOUND', async () => {
    const unknownLayer = await api.execute(LOG_DENSITY, { layer: toGlobalId('Layer', 777777), points: { rows: [[0, 0]] }, space: 'REDUCED' });
    expect(unknownLayer.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const unknownFit = await api.execute(SAMPLE, { id: toGlobalId('ClassFit', 777777), n: 1 });
    expect(unknownFit.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
