/**
 * The Monte-Carlo estimators (relative entropy, differential entropy, between-class KL) scoring their
 * samples on the webgpu backend, against the same estimators on the exact Float64 kernel.
 *
 * Tolerance. The samples are drawn on the CPU from the same seeded stream on both runs, so the two
 * estimates are means over identical points and differ only by the scoring error: the tensor kernel's
 * contract |Δ log p(x)| ≤ 1e-4·max(|log p(x)|, 1) (argued in density/score.webgpu.test.ts) gives
 * - relative/differential entropy: |Δ| ≤ 1e-4 · mean_x max(|log p(x)|, 1), measured here on the very samples
 *   (`traceMonteCarlo` with that integrand and the same seed);
 * - KL_t(i‖j) = L_ii − L_ji (L_ji = mean over x ~ p_i of log p_j(x)): |Δ| ≤ 1e-4·(|L_ii| + |L_ji|) when every
 *   log-density is below −1, which holds for these models (d = 6, shape scales ≤ 1.5: the densest point has
 *   log p ≈ −3.9; asserted below). With L_ii = −H_i and L_ji = −H_i − KL_ij that is 1e-4·(2H_i + KL_ij),
 *   H_i the class's differential entropy, taken from an exact estimate plus 4 standard errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomMixtureModel } from '../density/test-support.ts';
import { createRng } from '../rng/index.ts';
import { useWebGpu, webgpuUnavailable, withoutLeaks } from '../testing/webgpu.ts';
import { betweenClassKl } from './between-class-kl.ts';
import { differentialEntropy } from './differential-entropy.ts';
import { relativeEntropy } from './relative-entropy.ts';
import { traceMonteCarlo } from './trace-monte-carlo.ts';

const CONTRACT = 1e-4;
const unavailable = await webgpuUnavailable();

describe.skipIf(unavailable !== null)('Monte-Carlo estimators on webgpu', () => {
  const model = randomMixtureModel(createRng(21, 3), { classes: 4, dim: 6, traces: 2, maxComponents: 3, separation: 1.5 });

  beforeAll(async () => {
    await useWebGpu();
  });

  it('relative and differential entropy: same samples, estimates within the scoring contract', async () => {
    // Two of the four classes (lavapipe's per-dispatch cost dominates these small batches).
    for (const c of [0, 3]) {
      const options = (kernel: 'exact' | 'tensor') => ({ rng: createRng(5, c), samplesPerTrace: 1500, batchSize: 1000, kernel });
      const scale = await traceMonteCarlo(model, c, (_x, logp) => logp.map((v) => Math.max(Math.abs(v), 1)), options('exact'));
      const exact = await relativeEntropy(model, c, options('exact'));
      const gpu = await withoutLeaks(() => relativeEntropy(model, c, options('tensor')));
      expect(Math.abs(gpu.estimate - exact.estimate), `class ${c}: relative entropy ${gpu.estimate} vs ${exact.estimate}`).toBeLessThanOrEqual(CONTRACT * scale.estimate);
      gpu.perTrace.forEach((v, t) => expect(Math.abs(v - exact.perTrace[t])).toBeLessThanOrEqual(CONTRACT * scale.perTrace[t]));
      const entropyExact = await differentialEntropy(model, c, options('exact'));
      const entropyGpu = await withoutLeaks(() => differentialEntropy(model, c, options('tensor')));
      expect(Math.abs(entropyGpu.estimate - entropyExact.estimate), `class ${c}: entropy`).toBeLessThanOrEqual(CONTRACT * scale.estimate);
    }
  });

  it('between-class KL: every entry within the scoring contract, diagonal exactly 0', async () => {
    const options = (kernel: 'exact' | 'tensor') => ({ rng: createRng(6), samplesPerClass: 600, batchSize: 400, kernel });
    const exact = await betweenClassKl(model, options('exact'));
    const gpu = await withoutLeaks(() => betweenClassKl(model, options('tensor')));
    const c = model.classes.length;
    for (let i = 0; i < c; i++) {
      const entropy = await differentialEntropy(model, i, { rng: createRng(7, i), samplesPerTrace: 2000, kernel: 'exact' });
      // Every log-density below −1 (the premise of the bound): the highest over 2000 samples per trace.
      const highest = await traceMonteCarlo(model, i, (_x, logp) => logp, { rng: createRng(7, i), samplesPerTrace: 2000, kernel: 'exact' });
      expect(Math.max(...highest.perTrace)).toBeLessThan(-1);
      const h = entropy.estimate + 4 * entropy.standardError;
      for (let j = 0; j < c; j++) {
        const at = i * c + j;
        if (i === j) {
          expect(gpu.matrix[at]).toBe(0);
          continue;
        }
        const tolerance = CONTRACT * (2 * h + Math.max(exact.matrix[at], 0));
        expect(Math.abs(gpu.matrix[at] - exact.matrix[at]), `KL(${i}‖${j}) ${gpu.matrix[at]} vs ${exact.matrix[at]}, tolerance ${tolerance}`).toBeLessThanOrEqual(tolerance);
      }
    }
  });
});
