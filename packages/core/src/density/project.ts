import { InvalidArgumentError } from '../errors/index.ts';
import type { PredictiveModel } from './predictive-model.ts';

/**
 * The space points are given in, always stated by the caller (never guessed from the column count — a
 * reduction that keeps every dimension, k = D, gives raw and reduced points the same width):
 * - `raw`: the layer's activations before the stored projection, `[n, projection.inputDim]`; the projection
 *   z = V x is applied first. When no projection is stored the raw space is the model's space.
 * - `reduced`: points already in the model's space, `[n, dim]`; nothing is applied.
 */
export type PointSpace = 'raw' | 'reduced';

/** Every {@link PointSpace}, for validation and option lists. */
export const POINT_SPACES: readonly PointSpace[] = ['raw', 'reduced'];

/** The number of columns points in `space` must have for `model`. */
export function pointWidth(model: PredictiveModel, space: PointSpace): number {
  return space === 'raw' && model.projection ? model.projection.inputDim : model.dim;
}

/**
 * Brings points given in `space` into the model's space (projected with z = V x, no centring, as the paper,
 * in Float64, when `space` is `raw` and a projection is stored). Wrong widths and non-finite values throw.
 * @param points [n, pointWidth(model, space)] row-major
 * @returns [n, dim] Float64Array (a copy when the input was Float32 or was projected)
 */
export function toModelSpace(
  model: PredictiveModel,
  points: Float32Array | Float64Array,
  n: number,
  space: PointSpace,
  parameter = 'points',
): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('n', `must be a non-negative integer, got ${n}`);
  if (!POINT_SPACES.includes(space)) throw new InvalidArgumentError('space', `must be 'raw' or 'reduced', got '${String(space)}'`);
  const width = pointWidth(model, space);
  if (points.length !== n * width) {
    throw new InvalidArgumentError(parameter, `in the ${describeSpace(model, space)} must be [n, ${width}] row-major; got ${points.length} values for n = ${n}`);
  }
  const d = model.dim;
  const p = model.projection;
  const out = space === 'raw' && p ? project(p.components, p.inputDim, d, points, n) : points instanceof Float64Array ? points : Float64Array.from(points);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) {
      throw new InvalidArgumentError(parameter, `must be finite numbers; row ${Math.floor(i / d)} has ${out[i]}`);
    }
  }
  return out;
}

/** "raw space (before the stored 64 → 16 projection)" / "reduced space (16 dimensions)", for messages. */
export function describeSpace(model: PredictiveModel, space: PointSpace): string {
  const p = model.projection;
  if (space === 'reduced') return `reduced space (${model.dim} dimensions)`;
  return p ? `raw space (before the stored ${p.inputDim} → ${p.outputDim} projection)` : `raw space (no projection stored: ${model.dim} dimensions)`;
}

function project(v: Float64Array, inputDim: number, d: number, points: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = i * inputDim;
    for (let j = 0; j < d; j++) {
      const basis = j * inputDim;
      let sum = 0;
      for (let k = 0; k < inputDim; k++) sum += v[basis + k] * points[row + k];
      out[i * d + j] = sum;
    }
  }
  return out;
}
