/**
 * What one GraphQL request may cost (issue 14 §5): points scored across aliases, objects listed across nested
 * connections, and scoring serialised behind the process's gate while small queries keep answering.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeImageNpy } from '@classfit/core/io';
import { layerFits } from '@classfit/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';
import { importSynthetic, writeSyntheticFiles } from '../testing/synthetic-model.ts';
import { toGlobalId } from '../services/views/global-id.ts';
import { toNumericArray } from '../services/views/numeric/numeric-array.ts';
import { REQUEST_BUDGET } from '../services/views/request-budget.ts';
import { createWorkGate, type WorkGate } from '../services/views/work-gate.ts';
import { SCORING_SLICE_ROWS } from '../services/views/fitted-density.ts';

/** `n` reduced-space points of width `d` (the seeded layers reduce to 2 dimensions) as a base64 float32 array. */
const pointsArray = (n: number, d = 2) => toNumericArray(Float32Array.from({ length: d * n }, (_, i) => ((i * 7919) % 97) / 10 - 5), [n, d]);

/** A predictive file heavy to score (16-d, 3 classes × 120 Student-t components), like a deep layer's. */
function heavyPredictiveDocument(): Record<string, unknown> {
  const d = 16;
  const identity = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
  return {
    format: 'classfit.predictive/v1',
    dim: d,
    projection: { components: identity },
    classes: [0, 1, 2].map((label) => ({
      label,
      name: `class-${label}`,
      n: 500,
      components: Array.from({ length: 120 }, (_, k) => ({
        weight: 1 / 120,
        df: 9,
        loc: Array.from({ length: d }, (_, j) => label * 3 + Math.sin(k + j)),
        scaleTril: identity.map((row, i) => row.map((v, j) => (i === j ? 1 + (k % 5) / 10 : j < i ? 0.05 : 0))),
      })),
      reference: { mean: Array(d).fill(label * 3), variance: Array(d).fill(1) },
    })),
  };
}

describe('request cost limits', () => {
  let api: TestApi;
  let seeded: Seeded;
  let layer: string;
  const inner = createWorkGate({ concurrency: 1, maxWaiting: 8 });
  /** What the gate's work is doing: whether one runs, and the event-loop turns each one spanned. */
  const work = { active: false, turns: [] as number[], count: () => 0 };
  const gate: WorkGate = {
    state: () => inner.state(),
    run: (job) =>
      inner.run(async () => {
        work.active = true;
        const start = work.count();
        try {
          return await job();
        } finally {
          work.active = false;
          work.turns.push(work.count() - start);
        }
      }),
  };

  let heavyLayer: string;

  beforeAll(async () => {
    api = await openTestApi(apiTestEngines()[0], { scoring: gate });
    seeded = await seedAnalysedModels(api.app, 3);
    layer = toGlobalId('Layer', seeded.layers.get(seeded.models[0].id)![0].id);
    // One layer of another model gets the heavy density.
    const heavyRow = seeded.layers.get(seeded.models[1].id)![0];
    const heavyArtifact = await api.app.artifacts.put(Buffer.from(JSON.stringify(heavyPredictiveDocument())), 'json');
    await api.app.db.update(layerFits).set({ predictiveArtifact: heavyArtifact }).where(eq(layerFits.layerId, heavyRow.id));
    heavyLayer = toGlobalId('Layer', heavyRow.id);
  });
  const closeLater: TestApi[] = [];
  afterAll(async () => {
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([api, ...closeLater].map((a) => a?.close()));
  });

  it(`scores at most ${REQUEST_BUDGET.points} points per request, however many aliases ask`, async () => {
    const query = `query($layer: ID!, $p: PointsInput!) {
      a: logDensity(layerId: $layer, points: $p, space: REDUCED) { labels }
      b: logDensity(layerId: $layer, points: $p, space: REDUCED) { labels } }`;
    const half = await api.execute(query, { layer, p: { array: pointsArray(REQUEST_BUDGET.points / 2) } });
    expect(half.errors).toBeUndefined();
    expect(half.data).toEqual({ a: { labels: [0, 1, 2] }, b: { labels: [0, 1, 2] } });

    // Refused as a whole before anything runs: no alias is scored.
    const jobsBefore = work.turns.length;
    const over = await api.execute(query, { layer, p: { array: pointsArray(REQUEST_BUDGET.points / 2 + 1) } });
    expect(over.data ?? undefined).toBeUndefined();
    expect(over.errors).toHaveLength(1);
    expect(over.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'points' });
    expect(over.errors![0].message).toBe(`points: this request scores ${REQUEST_BUDGET.points + 2} points in all; at most ${REQUEST_BUDGET.points} per request (split it into several requests)`);
    const fifteen = `query($layer: ID!, $p: PointsInput!) { ${Array.from({ length: 15 }, (_, i) => `a${i}: logDensity(layerId: $layer, points: $p, space: REDUCED) { labels }`).join(' ')} }`;
    const abuse = await api.execute(fifteen, { layer, p: { array: pointsArray(REQUEST_BUDGET.points) } });
    expect(abuse.errors![0].message).toMatch(/^points: this request scores 150000 points in all/);
    expect(work.turns.length).toBe(jobsBefore);
    // sampleClass counts its n, and JSON rows count like arrays.
    const fitId = toGlobalId('ClassFit', (await api.app.db.query.classFits.findFirst())!.id);
    const mixed = `query($id: ID!, $layer: ID!, $p: PointsInput!) { s: sampleClass(classFitId: $id, n: 1000) { seed } c: classify(layerId: $layer, space: REDUCED, points: $p) { labels } }`;
    const rows = (n: number) => ({ rows: Array.from({ length: n }, () => [0, 0]) });
    expect((await api.execute(mixed, { id: fitId, layer, p: { array: pointsArray(REQUEST_BUDGET.points - 1000) } })).errors).toBeUndefined();
    expect((await api.execute(mixed, { id: fitId, layer, p: { array: pointsArray(REQUEST_BUDGET.points - 999) } })).errors![0].message).toMatch(/scores 10001 points in all/);
    expect((await api.execute(mixed, { id: fitId, layer, p: rows(1000) })).errors).toBeUndefined();
    // The same 5,001 points in their own request are fine: the budget is per request.
    const alone = await api.execute(`query($layer: ID!, $p: PointsInput!) { logDensity(layerId: $layer, points: $p, space: REDUCED) { labels } }`, { layer, p: { array: pointsArray(REQUEST_BUDGET.points / 2 + 1) } });
    expect(alone.errors).toBeUndefined();
  });

  it('keeps a small query answering while heavy scoring requests run one at a time behind the gate', async () => {
    const heavy = `query($layer: ID!, $p: PointsInput!) { logDensity(layerId: $layer, points: $p, space: REDUCED) { logDensities { shape } } }`;
    const p = { array: pointsArray(REQUEST_BUDGET.points, 16) };
    // A refused request of the test before may still be finishing the alias that was within budget.
    while (gate.state().running + gate.state().waiting > 0) await new Promise((r) => setImmediate(r));
    // Event-loop turns, counted by a free-running setImmediate ticker.
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    work.turns.length = 0;
    let peakRunning = 0;
    let peakWaiting = 0;
    const watch = setInterval(() => {
      peakRunning = Math.max(peakRunning, gate.state().running);
      peakWaiting = Math.max(peakWaiting, gate.state().waiting);
    }, 1);
    work.count = () => turns;
    const heavies = [0, 1, 2].map(() => api.execute(heavy, { layer: heavyLayer, p }));
    // Once the first heavy request is scoring, ask something small.
    while (!work.active) await new Promise((r) => setImmediate(r));
    const small = await api.execute(`{ models(first: 5) { totalCount nodes { name } } }`);
    const scoringWhenSmallAnswered = work.active;
    const heavyDoneWhenSmallAnswered = work.turns.length;
    const results = await Promise.all(heavies);
    ticking = false;
    clearInterval(watch);
    expect(small.errors).toBeUndefined();
    expect(small.data!.models.totalCount).toBe(3);
    for (const r of results) expect(r.errors).toBeUndefined();
    for (const r of results) expect(r.data!.logDensity.logDensities.shape).toEqual([REQUEST_BUDGET.points, 3]);
    // The small query was answered in the middle of scoring, not after it.
    expect(scoringWhenSmallAnswered).toBe(true);
    expect(heavyDoneWhenSmallAnswered).toBeLessThan(3);
    // Scoring gives the event loop a turn at least once per slice (a blocking scorer gives it none).
    expect(work.turns).toHaveLength(3);
    for (const t of work.turns) expect(t).toBeGreaterThanOrEqual(Math.ceil(REQUEST_BUDGET.points / SCORING_SLICE_ROWS) - 1);
    // One at a time: the other two waited.
    expect(peakRunning).toBe(1);
    expect(peakWaiting).toBe(2);
  });

  it('refuses to list more objects than its budget across nested connections, and lists ordinary pages', async () => {
    // Closed in afterAll: listings below a refused one may still be finishing their queries when the answer is sent.
    const small = await openTestApi(apiTestEngines()[0], { requestBudget: { points: 10, nodes: 40 } });
    closeLater.push(small);
    {
      await seedAnalysedModels(small.app, 3);
      // 3 models × 2 layers × 3 class fits = 18 class fits, 6 layers, 3 models: 27 objects (pages asked: the same).
      const nested = `{ models(first: 3) { nodes { name layers(first: 2) { nodes { name classFits(first: 3) { nodes { label } } } } } } }`;
      const ok = await small.execute(nested);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.models.nodes).toHaveLength(3);
      const aliased = `{ a: ${nested.slice(2, -2)} b: ${nested.slice(2, -2)} }`;
      const refused = await small.execute(aliased);
      expect(refused.errors?.length).toBeGreaterThan(0);
      for (const error of refused.errors!) {
        expect(error.extensions.code).toBe('BAD_USER_INPUT');
        expect(error.message).toMatch(/^(Model\.layers|Layer\.classFits): this request lists more than 40 objects in all; ask for smaller pages \(first\/after\) or fewer nested listings$/);
      }
      // Nothing below a refused listing ran: at most one error per class-fit listing the query holds.
      expect(refused.errors!.length).toBeLessThanOrEqual(12);
      // A listing that asks for more than the whole budget is refused before it runs.
      const greedy = await small.execute(`{ models(first: 41) { totalCount } }`);
      expect(greedy.errors?.[0]?.message).toMatch(/lists more than 40 objects/);
    }
  });

  it('draws at most its budget of thumbnail pixels per request', async () => {
    const pictured = await openTestApi(apiTestEngines()[0], { requestBudget: { pixels: 60 } });
    closeLater.push(pictured);
    const folder = await writeSyntheticFiles();
    const imagesPath = join(folder, 'images.npy');
    await writeFile(imagesPath, writeImageNpy({ count: 72, height: 5, width: 4, channels: 1, data: new Uint8Array(72 * 20).fill(7) }));
    const { model } = await importSynthetic(pictured.app, folder, 'pictured', { imagesPath });
    const id = toGlobalId('Model', model.id);
    const page = (first: number, size = '') => pictured.execute(`query($id: ID!) { model(id: $id) { examples(first: ${first}) { nodes { index thumbnail${size} } } } }`, { id });
    // Each stored 5×4 image is charged as 5² = 25 pixels: two fit in 60, three do not.
    const two = await page(2);
    expect(two.errors).toBeUndefined();
    expect(two.data!.model.examples.nodes.every((n: { thumbnail: string }) => n.thumbnail.startsWith('data:image/png;base64,'))).toBe(true);
    const three = await page(3);
    expect(three.errors).toHaveLength(1);
    expect(three.errors![0]).toMatchObject({ message: 'size: this request draws more than 60 thumbnail pixels in all; ask for fewer or smaller thumbnails', extensions: { code: 'BAD_USER_INPUT' } });
    expect((await page(1, '(size: 8)')).errors![0].message).toMatch(/more than 60 thumbnail pixels/);
    await rm(folder, { recursive: true, force: true });
  });
});
