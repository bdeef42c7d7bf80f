import type { PredictiveModel } from './predictive-model.ts';
import type { PointSpace } from './project.ts';
import { scoreSamples, scoreSamplesPerTrace, type ScoreOptions } from './score.ts';

/**
 * Generative classification (METHOD.md G): the label of the class with the
 * highest log p(x | class), no class prior (the paper code's plain argmax).
 * @param points [n, pointWidth(model, space)]
 * @param space the space `points` are given in
 * @returns [n] Int32Array of class labels
 */
export async function classify(
  model: PredictiveModel,
  points: Float32Array | Float64Array,
  n: number,
  space: PointSpace,
  options: ScoreOptions = {},
): Promise<Int32Array> {
  const scores = await scoreSamples(model, points, n, space, options);
  return argmaxLabels(model, scores, n);
}

/**
 * Per-trace generative classification: ŷ_t(x) = argmax_c log p(x | D_c, c_t)
 * for every kept trace t (METHOD.md G computes F1 per trace).
 * @returns [T, n] Int32Array of class labels
 */
export async function classifyPerTrace(
  model: PredictiveModel,
  points: Float32Array | Float64Array,
  n: number,
  space: PointSpace,
  options: ScoreOptions = {},
): Promise<Int32Array> {
  const scores = await scoreSamplesPerTrace(model, points, n, space, options);
  return argmaxLabels(model, scores, scores.length / model.classes.length);
}

/**
 * Row-wise argmax of [rows, C] scores mapped to class labels; ties go to the
 * first class (as numpy.argmax).
 * @returns [rows] Int32Array
 */
export function argmaxLabels(model: PredictiveModel, scores: Float64Array, rows: number): Int32Array {
  const classes = model.classes.length;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[i * classes + c] > scores[i * classes + best]) best = c;
    out[i] = model.classes[best].label;
  }
  return out;
}
