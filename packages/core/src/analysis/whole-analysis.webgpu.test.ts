/**
 * A whole small analysis at core level — uncentred SVD through the tensor Gram, DP-GMM fit per class,
 * own-class scoring, per-class means, largest-gap split, relative entropy, generative classification —
 * on webgpu and on wasm: the same groups, the same sampler path, and per-class numbers within tolerance.
 *
 * Why they agree: the sampler runs on typed arrays on both, so the runs differ only through the float32
 * tensor kernels. The Gram matrix moves z = V x by ~1e-6 here (Davis–Kahan's worst case for this spectrum,
 * ‖ΔG‖/(s_4² − s_5²)·‖x‖, is ~5e-3), too little to flip any Gibbs decision: the assignments must be
 * identical, which this asserts. Everything downstream is then a smooth function of z plus the scoring
 * error, ≤ 1e-4·max(|log p|, 1) per run (density/score.webgpu.test.ts). Per-class means and the split
 * threshold are compared at 1e-3·max(|value|, 1) (the two runs' scoring contracts plus the z effect, with
 * a factor ≥ 5 to spare), relative entropies at 1e-3 nats; observed differences are ~1e-7 (notes/gpu.md).
 */
import { describe, expect, it } from 'vitest';
import { scoreOwnClass } from '../density/index.ts';
import { fitClassDensities } from '../dpgmm/index.ts';
import { project, truncatedSvdViaGram } from '../linalg/index.ts';
import { createRng } from '../rng/index.ts';
import { getBackendInfo, initBackend } from '../tensor/index.ts';
import { useWebGpu, webgpuUnavailable, withoutLeaks } from '../testing/webgpu.ts';
import { classLogDensityStats } from './class-log-density-stats.ts';
import { generativeClassification } from './generative-classification.ts';
import { largestGapSplit } from './largest-gap-split.ts';
import { relativeEntropy } from './relative-entropy.ts';

const CLASSES = 6;
const PER_CLASS = 50;
const RAW_DIM = 12;
const K = 4;

/**
 * A raw layer [300, 12]: six classes around centres ~ N(0, 1.5²) (coordinate 0 shifted by +10, the large
 * positive mean an uncentred SVD puts first); classes 0–2 tight (s.d. 0.4), 3–5 diffuse (s.d. 1.6), with
 * per-coordinate scales 1 ± 0.5, so the split has a real gap and the classes overlap enough to misclassify.
 */
function syntheticLayer(): { x: Float64Array; labels: Int32Array; n: number } {
  const rng = createRng(77);
  const n = CLASSES * PER_CLASS;
  const x = new Float64Array(n * RAW_DIM);
  const labels = new Int32Array(n);
  for (let c = 0; c < CLASSES; c++) {
    const centre = Array.from({ length: RAW_DIM }, (_, j) => (j === 0 ? 10 : 0) + 1.5 * rng.normal());
    const spread = c < 3 ? 0.4 : 1.6;
    for (let i = 0; i < PER_CLASS; i++) {
      const row = c * PER_CLASS + i;
      labels[row] = c;
      for (let j = 0; j < RAW_DIM; j++) x[row * RAW_DIM + j] = centre[j] + spread * (1 + 0.5 * Math.sin(j + c)) * rng.normal();
    }
  }
  return { x, labels, n };
}

async function analyse(backend: 'wasm' | 'webgpu') {
  if (backend === 'webgpu') await useWebGpu();
  else await initBackend('wasm');
  expect(getBackendInfo()?.name).toBe(backend);
  const { x, labels, n } = syntheticLayer();
  return withoutLeaks(async () => {
    const svd = await truncatedSvdViaGram(x, n, RAW_DIM, K, { gram: 'tensor', chunkRows: 128 });
    const z = project(x, n, RAW_DIM, svd.components, K);
    const classes = Array.from({ length: CLASSES }, (_, c) => ({ label: c, name: `class ${c}`, points: z.slice(c * PER_CLASS * K, (c + 1) * PER_CLASS * K), n: PER_CLASS }));
    const fit = await fitClassDensities(classes, { iterations: 40, burnIn: 20, thin: 5, chains: 2, seed: 3, workers: 1 });
    const model = fit.predictive;
    const own = await scoreOwnClass(model, z, n, 'reduced', labels);
    const stats = classLogDensityStats(own, labels);
    const split = largestGapSplit(stats.map((s) => s.mean), stats.map((s) => s.label));
    const entropy: number[] = [];
    for (let c = 0; c < CLASSES; c++) entropy.push((await relativeEntropy(model, c, { rng: createRng(1, c), samplesPerTrace: 400 })).estimate);
    const genclass = await generativeClassification(model, z, n, 'reduced', labels);
    return {
      z,
      assignments: fit.classes.map((c) => c.traces.map((t) => Array.from(t.assignments))),
      means: stats.map((s) => s.mean),
      split,
      entropy,
      f1PerTrace: genclass.perTrace.map((m) => m.weightedF1),
    };
  });
}

const unavailable = await webgpuUnavailable();

describe.skipIf(unavailable !== null)('a whole small analysis on webgpu and on wasm', () => {
  it('gives the same groups, sampler path and per-class results', async () => {
    const wasm = await analyse('wasm');
    const gpu = await analyse('webgpu');
    const within = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(Math.abs(a), 1);
    let dz = 0;
    wasm.z.forEach((v, i) => (dz = Math.max(dz, Math.abs(v - gpu.z[i]))));
    expect(dz, 'max |Δz| from the float32 Gram').toBeLessThan(5e-3);
    expect(gpu.assignments).toEqual(wasm.assignments);
    expect(gpu.split.lowClasses).toEqual(wasm.split.lowClasses);
    expect(gpu.split.highClasses).toEqual(wasm.split.highClasses);
    // The groups are the tight and the diffuse classes, split by a real gap.
    expect([...wasm.split.highClasses].sort()).toEqual([0, 1, 2]);
    expect(wasm.split.gap).toBeGreaterThan(1);
    expect(within(gpu.split.threshold, wasm.split.threshold, 1e-3)).toBe(true);
    wasm.means.forEach((m, c) => expect(within(gpu.means[c], m, 1e-3), `class ${c} mean ${gpu.means[c]} vs ${m}`).toBe(true));
    wasm.entropy.forEach((h, c) => expect(Math.abs(gpu.entropy[c] - h), `class ${c} relative entropy`).toBeLessThan(1e-3));
    // Generative classification is not trivial here, and agrees trace by trace.
    expect(Math.min(...wasm.f1PerTrace)).toBeLessThan(1);
    expect(gpu.f1PerTrace).toEqual(wasm.f1PerTrace);
  });
});
