import { InvalidArgumentError } from '../errors/index.ts';
import type { PredictiveModel } from './predictive-model.ts';

/**
 * Brings points into the model's space: points with `dim` columns pass through;
 * points with `projection.inputDim` columns are projected, z = V x (no centring,
 * as the paper), in Float64. Anything else, or non-finite values, throws.
 * @param points [n, dim] or [n, inputDim] row-major
 * @returns [n, dim] Float64Array (a copy when the input was Float32)
 */
export function toModelSpace(
  model: PredictiveModel,
  points: Float32Array | Float64Array,
  n: number,
  parameter = 'points',
): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('n', `must be a non-negative integer, got ${n}`);
  const d = model.dim;
  const columns = n === 0 ? d : points.length / n;
  const p = model.projection;
  let out: Float64Array;
  if (columns === d && points.length === n * d) {
    out = points instanceof Float64Array ? points : Float64Array.from(points);
  } else if (p && columns === p.inputDim && points.length === n * p.inputDim) {
    out = project(p.components, p.inputDim, d, points, n);
  } else {
    const accepted = p ? `${d} or ${p.inputDim} (projected)` : `${d}`;
    throw new InvalidArgumentError(parameter, `must be [n, ${accepted}] row-major; got ${points.length} values for n = ${n}`);
  }
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) {
      throw new InvalidArgumentError(parameter, `must be finite numbers; row ${Math.floor(i / d)} has ${out[i]}`);
    }
  }
  return out;
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
