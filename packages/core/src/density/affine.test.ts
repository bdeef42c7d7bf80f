import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../tensor/index.ts';
import { readPredictiveFile } from './predictive-file.ts';
import { scoreSamples, scoreSamplesExact } from './score.ts';
import { affineModel, affinePoints, fixturePath, flat, loadFixture } from './test-support.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

// METHOD.md K.1 item 10 (density part): under x_j → a_j x_j + c_j, including SVD sign flips a_j = −1,
// every log-density shifts by exactly −Σ ln|a_j|.
describe('affine equivariance of log-densities', () => {
  it.each(['log', 'density'] as const)('holds in d = 16 with %s averaging, both kernels', async (mode) => {
    const model = { ...(await readPredictiveFile(fixturePath('density', 'mixture-16.predictive.json'))), traceAveraging: mode };
    const { cases } = loadFixture<{ cases: { d: number; points: number[][] }[] }>('density', 'mixture-cases.json');
    const points = flat(cases.find((c) => c.d === 16)!.points);
    const n = points.length / 16;
    const a = Array.from({ length: 16 }, (_, j) => (j % 3 === 0 ? -1 : 0.5 + j / 4));
    const c = Array.from({ length: 16 }, (_, j) => 3 * Math.cos(j));
    const shift = -a.reduce((s, v) => s + Math.log(Math.abs(v)), 0);
    const mapped = affineModel(model, a, c);
    const mappedPoints = affinePoints(points, a, c);
    const before = scoreSamplesExact(model, points, n, 'reduced');
    const after = scoreSamplesExact(mapped, mappedPoints, n, 'reduced');
    // Float64: the Mahalanobis terms agree to ~1e-13 relative of values up to ~1e4.
    before.forEach((v, i) => expect(Math.abs(after[i] - (v + shift)), `entry ${i}`).toBeLessThan(1e-8));
    // float32 kernel: each side carries ~4e-5 absolute error (see score.test.ts), so 2e-4.
    const tensorAfter = await scoreSamples(mapped, mappedPoints, n, 'reduced');
    before.forEach((v, i) => expect(Math.abs(tensorAfter[i] - (v + shift)), `entry ${i}`).toBeLessThan(2e-4));
  });
});
