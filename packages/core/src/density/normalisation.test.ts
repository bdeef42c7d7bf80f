import { describe, expect, it } from 'vitest';
import { scoreSamplesExact, scoreSamplesPerTrace } from './score.ts';
import { component, mixtureOf, modelOf } from './test-support.ts';

/**
 * Quadrature grid for ∫ over R^d by the substitution x_j = c_j + s_j·tan θ_j on (−π/2, π/2)^d
 * (midpoint rule): heavy t tails (ν = 3, density ~ |x|^{-(ν+d)}) become integrands vanishing at the ends.
 */
function grid(d: 1 | 2, steps: number, centre: number[], scale: number[]) {
  const h = Math.PI / steps;
  const angles = Array.from({ length: steps }, (_, i) => -Math.PI / 2 + (i + 0.5) * h);
  const n = d === 1 ? steps : steps * steps;
  const points = new Float64Array(n * d);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const idx = d === 1 ? [i] : [Math.floor(i / steps), i % steps];
    weights[i] = 1;
    idx.forEach((a, j) => {
      const t = Math.tan(angles[a]);
      points[i * d + j] = centre[j] + scale[j] * t;
      weights[i] *= scale[j] * (1 + t * t) * h;
    });
  }
  return { points, n, weights };
}

function integral(logp: Float64Array, weights: Float64Array): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += Math.exp(logp[i]) * weights[i];
  return total;
}

// Two traces, ν ∈ {3, 4, 30}, weights (α + n_k)/(Kα + n)/T with α = 0.7, counts (6, 3 | 9): the per-trace
// mixtures and the density-averaged mixture are densities (∫ = 1); the log-averaged one is a geometric
// mean of densities, so ∫ ≤ 1 (Jensen). Midpoint rule on a smooth decaying integrand: 4000 (1-d) and
// 600² (2-d) nodes give ~1e-6; allow 1e-4.
const alpha = 0.7;
const w = (nk: number, k: number, n: number) => (alpha + nk) / (k * alpha + n) / 2;

async function checkNormalised(cls: ReturnType<typeof mixtureOf>, g: ReturnType<typeof grid>) {
  const model = modelOf([cls], 'density');
  expect(Math.abs(integral(scoreSamplesExact(model, g.points, g.n, 'reduced'), g.weights) - 1)).toBeLessThan(1e-4);
  const perTrace = await scoreSamplesPerTrace(model, g.points, g.n, 'reduced', { kernel: 'exact' });
  for (const t of [0, 1]) {
    expect(Math.abs(integral(perTrace.subarray(t * g.n, (t + 1) * g.n), g.weights) - 1), `trace ${t}`).toBeLessThan(1e-4);
  }
  expect(integral(scoreSamplesExact(modelOf([cls], 'log'), g.points, g.n, 'reduced'), g.weights)).toBeLessThan(1);
}

describe('predictive normalisation (METHOD.md K.1 item 4)', () => {
  it('weights (α + n_k)/(Kα + n) sum to 1 per trace', () => {
    expect(2 * (w(6, 2, 9) + w(3, 2, 9))).toBeCloseTo(1, 15);
    expect(2 * w(9, 1, 9)).toBeCloseTo(1, 15);
  });

  it('integrates to 1 in d = 1', async () => {
    const cls = mixtureOf(0, [component(w(6, 2, 9), 3, [0], [1], 0), component(w(3, 2, 9), 30, [4], [0.25], 0), component(w(9, 1, 9), 4, [1], [2], 1)], [0], [1]);
    await checkNormalised(cls, grid(1, 4000, [1], [2]));
  });

  it('integrates to 1 in d = 2', async () => {
    const cls = mixtureOf(
      0,
      [
        component(w(6, 2, 9), 3, [0, 0], [1, 0.5, 0.5, 2], 0),
        component(w(3, 2, 9), 30, [3, -2], [0.5, -0.1, -0.1, 0.3], 0),
        component(w(9, 1, 9), 4, [1, 1], [2, 0, 0, 1], 1),
      ],
      [0, 0],
      [1, 1],
    );
    await checkNormalised(cls, grid(2, 600, [1, 0], [2, 2]));
  });
});
