import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPredictive, parsePredictive, readPredictiveFile } from './predictive-file.ts';
import { readPredictiveArrays, writePredictiveArrays } from './predictive-arrays.ts';
import type { PredictiveModel } from './predictive-model.ts';
import { scoreSamplesExact } from './score.ts';
import { fixturePath } from './test-support.ts';

const fromJson = (file: string) => parsePredictive(JSON.parse(readFileSync(fixturePath('density', file), 'utf8')), file);

describe('classfit.predictive-arrays/v1 (.npz)', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'classfit-arrays-'))));
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it.each(['mixture-2.predictive.json', 'mixture-16.predictive.json', 'mixture-64.predictive.json'])(
    'round-trips %s bit for bit (same JSON text, same scores)',
    async (file) => {
      const model = fromJson(file);
      const path = join(dir, `${file}.npz`);
      await writePredictiveArrays(path, model);
      const back = await readPredictiveArrays(path);
      expect(formatPredictive(back)).toBe(formatPredictive(model));
      expect(back.traceCount).toBe(model.traceCount);
      const points = Float64Array.from({ length: 5 * model.dim }, (_, i) => Math.sin(i) * 3);
      expect(Array.from(scoreSamplesExact(back, points, 5, 'reduced'))).toEqual(Array.from(scoreSamplesExact(model, points, 5, 'reduced')));
      expect(await readPredictiveFile(path)).toEqual(back); // the format is recognised by its first bytes
    },
  );

  it('keeps a projection and a model without trace indices', async () => {
    const model = fromJson('mixture-2.predictive.json');
    const merged: PredictiveModel = {
      ...model,
      traceAveraging: 'density',
      traceCount: 1,
      projection: { components: Float64Array.of(1, 0.5, -2, 0, 3, 1e-300), outputDim: 2, inputDim: 3 },
      classes: model.classes.map((c) => {
        const total = c.components.reduce((s, k) => s + k.weight, 0);
        return { ...c, components: c.components.map(({ trace: _t, ...k }) => ({ ...k, weight: k.weight / total })) };
      }),
    };
    const path = join(dir, 'projected.npz');
    await writePredictiveArrays(path, merged);
    expect(Object.keys(unzipSync(new Uint8Array(await readFile(path)))).includes('trace.npy')).toBe(false);
    expect(formatPredictive(await readPredictiveArrays(path))).toBe(formatPredictive(merged));
  });

  it("reads the same model from numpy's np.savez archive (make_predictive_arrays_fixture.py)", async () => {
    const numpy = await readPredictiveArrays(fixturePath('density', 'mixture-16.predictive.npz'));
    expect(formatPredictive(numpy)).toBe(formatPredictive(fromJson('mixture-16.predictive.json')));
  });

  it('views the file arrays: components share one loc and one scale_tril buffer', async () => {
    const model = fromJson('mixture-16.predictive.json');
    const path = join(dir, 'views.npz');
    await writePredictiveArrays(path, model);
    const back = await readPredictiveArrays(path);
    const buffers = new Set(back.classes.flatMap((c) => c.components.map((k) => k.scaleTril.buffer)));
    expect(buffers.size).toBe(1);
  });

  it('names the entry or field that is wrong', async () => {
    const model = fromJson('mixture-2.predictive.json');
    const good = join(dir, 'good.npz');
    await writePredictiveArrays(good, model);
    const entries = unzipSync(new Uint8Array(await readFile(good)));
    const rewrite = async (name: string, change: (e: Record<string, Uint8Array>) => void) => {
      const copy = { ...entries };
      change(copy);
      const path = join(dir, name);
      await writeFile(path, zipSync(Object.fromEntries(Object.entries(copy).map(([k, v]) => [k, [v, { level: 0 }]]))));
      return readPredictiveArrays(path).catch((e: Error & { parameter?: string }) => e);
    };
    const missing = await rewrite('missing.npz', (e) => delete e['df.npy']);
    expect(missing).toMatchObject({ name: 'InvalidArgumentError', message: expect.stringContaining("has no entry 'df.npy'") });
    const badWeights = await rewrite('weights.npz', (e) => (e['weights.npy'] = e['df.npy']));
    expect((badWeights as Error).message).toMatch(/weight/);
    const header = await rewrite('header.npz', (e) => (e['header.json'] = new TextEncoder().encode('{"format":"other"}')));
    expect(header).toMatchObject({ parameter: expect.stringContaining('header.json'), message: expect.stringContaining("format must be 'classfit.predictive-arrays/v1'") });
    const badTril = await rewrite('tril.npz', (e) => {
      const bytes = e['scale_tril.npy'].slice();
      new DataView(bytes.buffer).setFloat64(bytes.length - 8 * 3, 5, true); // above the diagonal of the last factor
      e['scale_tril.npy'] = bytes;
    });
    expect((badTril as Error).message).toMatch(/scaleTril/);
    const offsets = await rewrite('offsets.npz', (e) => {
      const bytes = e['class_offsets.npy'].slice();
      new DataView(bytes.buffer).setBigInt64(bytes.length - 8, 999n, true);
      e['class_offsets.npy'] = bytes;
    });
    expect((offsets as Error).message).toMatch(/weights.npy: must have shape \[999\], got \[17\]/);
  });

  it('writes byte-identical archives for the same model', async () => {
    const model = fromJson('mixture-16.predictive.json');
    await writePredictiveArrays(join(dir, 'x1.npz'), model);
    await writePredictiveArrays(join(dir, 'x2.npz'), parsePredictive(JSON.parse(formatPredictive(model))));
    expect(Buffer.compare(await readFile(join(dir, 'x1.npz')), await readFile(join(dir, 'x2.npz')))).toBe(0);
  });
});
