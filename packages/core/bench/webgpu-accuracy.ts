/**
 * Error of every GPU-routed kernel against its float64 counterpart, on webgpu and (for comparison) on
 * wasm, in one run. The numbers recorded in the notes come from here:
 *
 *   npx tsx bench/webgpu-accuracy.ts        (needs a WebGPU adapter; lavapipe works: .ci/lavapipe.sh)
 *
 * Relative errors are |got − want| / max(|want|, 1) (the tensor kernel's contract is 1e-4); the Gram
 * matrix is also given as a fraction of its worst-case float32 bound (linalg/gram.webgpu.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { betweenClassKl } from '../src/analysis/between-class-kl.ts';
import { differentialEntropy } from '../src/analysis/differential-entropy.ts';
import { relativeEntropy } from '../src/analysis/relative-entropy.ts';
import { classifyPerTrace, sampleClass, scoreSamples, scoreSamplesExact, scoreSamplesPerTrace } from '../src/density/index.ts';
import { readPredictiveFile } from '../src/density/predictive-file.ts';
import { fixturePath, flat, loadFixture, randomMixtureModel } from '../src/density/test-support.ts';
import { gramMatrix, gramMatrixTensor, truncatedSvdViaGram } from '../src/linalg/index.ts';
import { createRng } from '../src/rng/index.ts';
import { formatAdapter, initBackend } from '../src/tensor/index.ts';

const U = 2 ** -24;
type Row = { kernel: string; size: string; webgpu: string; wasm: string };
const rows: Row[] = [];

function worstRelative(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(Math.abs(want[i]), 1));
  return worst;
}

async function on(backend: 'webgpu' | 'wasm'): Promise<void> {
  await initBackend(backend);
  if (backend === 'webgpu') tf.env().set('WEBGPU_CPU_FORWARD', false);
}

/** Runs `measure` on both backends and records the two formatted results. */
async function both(kernel: string, size: string, measure: () => Promise<string>): Promise<void> {
  await on('webgpu');
  const webgpu = await measure();
  await on('wasm');
  const wasm = await measure();
  rows.push({ kernel, size, webgpu, wasm });
}

const info = await initBackend('webgpu');
console.log(`webgpu adapter: ${formatAdapter(info.adapter!)}; ${info.adapter!.description}`);

const { cases } = loadFixture<{ cases: { file: string; d: number; mode: 'density' | 'log'; points: number[][] }[] }>('density', 'mixture-cases.json');
for (const c of cases) {
  const model = { ...(await readPredictiveFile(fixturePath('density', c.file))), traceAveraging: c.mode };
  const x = flat(c.points);
  const n = c.points.length;
  const exact = scoreSamplesExact(model, x, n, 'reduced');
  await both('all-class scoring (scipy fixture)', `d=${c.d}, ${c.mode}, n=${n}`, async () => worstRelative(await scoreSamples(model, x, n, 'reduced'), exact).toExponential(2));
}

const rng = createRng(9, 1);
const big = randomMixtureModel(rng, { classes: 12, dim: 8, traces: 3, maxComponents: 3, separation: 3 });
const bigX = Float64Array.from({ length: 300 * 8 }, () => 4 * rng.normal());
const bigExact = scoreSamplesExact(big, bigX, 300, 'reduced');
await both('all-class scoring (random model, blocks)', '12 classes, d=8, n=300', async () => worstRelative(await scoreSamples(big, bigX, 300, 'reduced', { maxElements: 1 << 13 }), bigExact).toExponential(2));
const perTraceExact = await scoreSamplesPerTrace(big, bigX, 300, 'reduced', { kernel: 'exact' });
await both('per-trace scoring', '12 classes × 3 traces', async () => worstRelative(await scoreSamplesPerTrace(big, bigX, 300, 'reduced'), perTraceExact).toExponential(2));

const gx = Float64Array.from({ length: 600 * 40 }, (_, i) => Math.abs(rng.normal()) * (1 + (i % 40) / 10));
const gExact = gramMatrix(gx, 600, 40);
const gBound = gramMatrix(gx.map(Math.abs), 600, 40).map((v) => ((256 * U) / (1 - 256 * U) + 2 * U) * v);
await both('Gram XᵀX (max |ΔG|/bound; max rel)', 'n=600, D=40, 256 rows/chunk', async () => {
  const g = await gramMatrixTensor(gx, 600, 40, 256);
  let ratio = 0;
  let rel = 0;
  g.forEach((v, i) => {
    ratio = Math.max(ratio, Math.abs(v - gExact[i]) / gBound[i]);
    rel = Math.max(rel, Math.abs(v - gExact[i]) / Math.abs(gExact[i]));
  });
  return `${ratio.toExponential(2)}; ${rel.toExponential(2)}`;
});
const svdExact = await truncatedSvdViaGram(gx, 600, 40, 5, { gram: 'typed' });
await both('SVD singular values (max rel)', 'n=600, D=40', async () => {
  const svd = await truncatedSvdViaGram(gx, 600, 40, 5, { gram: 'tensor', chunkRows: 256 });
  return worstRelative(svd.singularValues.map((s) => s / svdExact.singularValues[0]), svdExact.singularValues.map((s) => s / svdExact.singularValues[0])).toExponential(2);
});

const mc = randomMixtureModel(createRng(21, 3), { classes: 4, dim: 6, traces: 2, maxComponents: 3, separation: 1.5 });
const opts = (kernel: 'exact' | 'tensor') => ({ rng: createRng(5, 0), samplesPerTrace: 1500, batchSize: 1000, kernel });
const reExact = (await relativeEntropy(mc, 0, opts('exact'))).estimate;
await both('relative entropy (|Δ| nats)', 'd=6, 2×1500 samples', async () => Math.abs((await relativeEntropy(mc, 0, opts('tensor'))).estimate - reExact).toExponential(2));
const heExact = (await differentialEntropy(mc, 0, opts('exact'))).estimate;
await both('differential entropy (|Δ| nats)', 'd=6, 2×1500 samples', async () => Math.abs((await differentialEntropy(mc, 0, opts('tensor'))).estimate - heExact).toExponential(2));
const klOpts = (kernel: 'exact' | 'tensor') => ({ rng: createRng(6), samplesPerClass: 600, batchSize: 400, kernel });
const klExact = (await betweenClassKl(mc, klOpts('exact'))).matrix;
await both('between-class KL (max |Δ| nats)', '4 classes, 600 samples', async () => {
  const kl = (await betweenClassKl(mc, klOpts('tensor'))).matrix;
  return Math.max(...Array.from(kl, (v, i) => Math.abs(v - klExact[i]))).toExponential(2);
});

const gc = randomMixtureModel(createRng(41), { classes: 6, dim: 5, traces: 3, maxComponents: 3, separation: 1, traceAveraging: 'log' });
const gcRng = createRng(42);
const gcPoints = new Float64Array(240 * 5);
gc.classes.forEach((cls, c) => gcPoints.set(sampleClass(cls, 40, gcRng), c * 40 * 5));
const gcExact = await classifyPerTrace(gc, gcPoints, 240, 'reduced', { kernel: 'exact' });
await both('generative classification (labels differing)', '6 classes × 3 traces, n=240', async () => {
  const got = await classifyPerTrace(gc, gcPoints, 240, 'reduced');
  return `${got.filter((v, i) => v !== gcExact[i]).length} of ${got.length}`;
});

const width = (key: keyof Row) => Math.max(key.length, ...rows.map((r) => r[key].length));
const line = (r: Row) => (['kernel', 'size', 'webgpu', 'wasm'] as const).map((k) => r[k].padEnd(width(k))).join(' | ');
console.log(line({ kernel: 'kernel', size: 'size', webgpu: 'webgpu', wasm: 'wasm' }));
for (const r of rows) console.log(line(r));
