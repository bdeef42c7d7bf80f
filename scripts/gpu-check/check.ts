/**
 * The GPU check (issue 9 §3): on whatever WebGPU adapter Dawn finds, prints the adapter, the all-class
 * scoring throughput on webgpu and on wasm measured in the same run, and a correctness check of every
 * GPU-routed kernel against its float64 counterpart. Bundled with Node.js and dawn.node by build.ts;
 * also runs from the checkout: `npx tsx scripts/gpu-check/check.ts --size small --allow-software`.
 *
 * Exit status: 0 all checks passed; 1 a correctness check failed; 2 no usable adapter (none, or only a
 * software one without --allow-software).
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { relativeEntropy } from '../../packages/core/src/analysis/relative-entropy.ts';
import { traceMonteCarlo } from '../../packages/core/src/analysis/trace-monte-carlo.ts';
import type { PredictiveModel } from '../../packages/core/src/density/index.ts';
import { scoreSamples, scoreSamplesExact } from '../../packages/core/src/density/score.ts';
import { randomMixtureModel } from '../../packages/core/src/density/test-support.ts';
import { gramMatrix, gramMatrixTensor } from '../../packages/core/src/linalg/gram.ts';
import { createRng } from '../../packages/core/src/rng/index.ts';
import { formatAdapter, initBackend } from '../../packages/core/src/tensor/index.ts';

/** Problem sizes: `paper` is a paper-scale layer (100 classes, d = 64); `small` fits lavapipe in CI. */
const SIZES = {
  paper: { classes: 100, components: 15, dim: 64, points: 2000, gramRows: 4096, gramDim: 256, samples: 4000 },
  small: { classes: 8, components: 3, dim: 16, points: 400, gramRows: 512, gramDim: 32, samples: 1000 },
} as const;

/** The tensor kernel's contract: |Δ log p| ≤ 1e-4·max(|log p|, 1) (packages/core/src/density/score.webgpu.test.ts). */
const CONTRACT = 1e-4;
const U = 2 ** -24;

const { values } = parseArgs({
  options: { size: { type: 'string', default: 'paper' }, 'allow-software': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
});
const size = values.size as keyof typeof SIZES;
if (!(size in SIZES)) {
  console.error(`--size must be ${Object.keys(SIZES).join(' or ')}, got '${values.size}'`);
  process.exit(64);
}
const spec = SIZES[size];
const report: Record<string, unknown> = { size, node: process.version };
const started = performance.now();

const gpu = await initBackend('webgpu').catch((error: unknown) => error as Error);
if (gpu instanceof Error) {
  console.log(`adapter: none — ${gpu.message}`);
  process.exit(2);
}
const adapter = gpu.adapter!;
console.log(`adapter: ${formatAdapter(adapter)}`);
console.log(`  vendor ${adapter.vendor || '?'} · architecture ${adapter.architecture || '?'} · device ${adapter.device || '?'} · ${adapter.description || 'no description'}`);
report.adapter = adapter;
if (adapter.software && !values['allow-software']) {
  console.log('only a software adapter: its numbers say nothing about a GPU (pass --allow-software to run anyway)');
  process.exit(2);
}
// tfjs-backend-webgpu runs ops on tensors < 1000 elements on its CPU fallback; turn that off so the GPU does everything.
tf.env().set('WEBGPU_CPU_FORWARD', false);

const rng = createRng(2024);
const model = randomMixtureModel(rng, { classes: spec.classes, dim: spec.dim, traces: 1, maxComponents: 2 * spec.components - 1, separation: 2 });
const totalComponents = model.classes.reduce((s, c) => s + c.components.length, 0);
const points = Float64Array.from({ length: spec.points * spec.dim }, () => 3 * rng.normal());
console.log(`model: ${spec.classes} classes, ${totalComponents} Student-t components, d = ${spec.dim}; ${spec.points} points`);

/** Best of `repeats` timed calls after one warm-up call (shader compilation, wasm start-up). */
async function bestSeconds(run: () => Promise<unknown>, repeats: number): Promise<number> {
  await run();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await run();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

const work = spec.points * totalComponents;
const gpuSeconds = await bestSeconds(() => scoreSamples(model, points, spec.points, 'reduced'), 3);
const gpuScores = await scoreSamples(model, points, spec.points, 'reduced');
await initBackend('wasm');
const wasmSeconds = await bestSeconds(() => scoreSamples(model, points, spec.points, 'reduced'), 1);
const exactScores = scoreSamplesExact(model, points, spec.points, 'reduced');
const throughput = { webgpu: work / gpuSeconds, wasm: work / wasmSeconds };
console.log(
  `scoring: webgpu ${formatRate(throughput.webgpu)} · wasm ${formatRate(throughput.wasm)} points×components/s ` +
    `(webgpu ${(throughput.webgpu / throughput.wasm).toFixed(2)}× wasm; ${gpuSeconds.toFixed(3)} s vs ${wasmSeconds.toFixed(3)} s)`,
);
report.scoring = { points: spec.points, components: totalComponents, seconds: { webgpu: gpuSeconds, wasm: wasmSeconds }, throughput };
console.log('sub-cluster sweep: not measured (the sub-cluster sampler, issue 9 §2, is not implemented yet)');

await initBackend('webgpu');
const checks: { name: string; error: number; limit: number; pass: boolean }[] = [];
function check(name: string, error: number, limit: number): void {
  const pass = error <= limit;
  checks.push({ name, error, limit, pass });
  console.log(`  ${pass ? 'PASS' : 'FAIL'} ${name}: ${error.toExponential(2)} (limit ${limit.toExponential(2)})`);
}
console.log('correctness vs float64:');
check('scoring, max |Δ log p| / max(|log p|, 1)', worstRelative(gpuScores, exactScores), CONTRACT);
check('Gram XᵀX, max |ΔG| / worst-case float32 bound', await gramRatio(), 1);
const mc = await entropyDifference(model);
check('relative entropy (class 0), |Δ| / (1e-4·mean max(|log p|, 1))', mc, 1);
report.checks = checks;
report.seconds = (performance.now() - started) / 1000;
const passed = checks.every((c) => c.pass);
console.log(`gpu-check: ${passed ? 'all checks passed' : 'FAILED'} in ${(report.seconds as number).toFixed(1)} s`);
if (values.json) console.log(JSON.stringify(report));
process.exit(passed ? 0 : 1);

function formatRate(rate: number): string {
  return rate >= 1e9 ? `${(rate / 1e9).toFixed(2)}e9` : rate >= 1e6 ? `${(rate / 1e6).toFixed(2)}e6` : rate.toFixed(0);
}

function worstRelative(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const e = Math.abs(got[i] - want[i]) / Math.max(Math.abs(want[i]), 1);
    worst = Number.isNaN(e) ? Infinity : Math.max(worst, e);
  }
  return worst;
}

/** max over entries of |G_gpu − G_exact| / ((γ_m + 2u)·Σ_r|x_ra||x_rb|), m rows per chunk (see linalg/gram.webgpu.test.ts). */
async function gramRatio(): Promise<number> {
  const n = spec.gramRows;
  const d = spec.gramDim;
  const chunk = 4096;
  const x = Float64Array.from({ length: n * d }, (_, i) => Math.abs(rng.normal()) * (1 + (i % d) / d));
  const gpuGram = await gramMatrixTensor(x, n, d, chunk);
  const exact = gramMatrix(x, n, d);
  const m = Math.min(chunk, n);
  const factor = (m * U) / (1 - m * U) + 2 * U;
  const bound = gramMatrix(x.map(Math.abs), n, d);
  let worst = 0;
  for (let i = 0; i < exact.length; i++) worst = Math.max(worst, Math.abs(gpuGram[i] - exact[i]) / (factor * bound[i]));
  return worst;
}

/** Relative entropy of class 0 on webgpu vs the exact kernel from the same samples, in units of its bound. */
async function entropyDifference(m: PredictiveModel): Promise<number> {
  const options = (kernel: 'exact' | 'tensor') => ({ rng: createRng(7), samplesPerTrace: spec.samples, kernel });
  const scale = await traceMonteCarlo(m, 0, (_x, logp) => logp.map((v) => Math.max(Math.abs(v), 1)), options('exact'));
  const exact = await relativeEntropy(m, 0, options('exact'));
  const onGpu = await relativeEntropy(m, 0, options('tensor'));
  return Math.abs(onGpu.estimate - exact.estimate) / (CONTRACT * scale.estimate);
}
