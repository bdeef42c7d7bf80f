import { InvalidArgumentError } from '../errors/index.ts';
import type { PointSpace, PredictiveModel, ScoreOptions } from '../density/index.ts';
import { classifyPerTrace } from '../density/index.ts';
import { meanAndSd } from './class-log-density-stats.ts';
import { classificationMetrics, type ClassificationMetrics } from './weighted-f1.ts';

/** Generative classification of one test set at one layer. */
export interface GenerativeClassification {
  /** [T] metrics of each kept trace. */
  readonly perTrace: ClassificationMetrics[];
  /** Mean and population s.d. over traces of each metric. */
  readonly weightedF1: { mean: number; sd: number };
  readonly accuracy: { mean: number; sd: number };
  readonly macroF1: { mean: number; sd: number };
}

/**
 * Generative classification (METHOD.md G): per kept trace t,
 * ŷ_t(x) = argmax_c log p(x | D_c, c_t) with no class prior, scored with
 * sklearn-compatible weighted F1, then mean ± s.d. over the traces.
 * @param points [n, pointWidth(model, space)]
 * @param space the space `points` are given in
 * @param labels [n] true labels (class labels of the model)
 */
export async function generativeClassification(
  model: PredictiveModel,
  points: Float32Array | Float64Array,
  n: number,
  space: PointSpace,
  labels: ArrayLike<number>,
  options: ScoreOptions = {},
): Promise<GenerativeClassification> {
  if (labels.length !== n) throw new InvalidArgumentError('labels', `must have n = ${n} entries, got ${labels.length}`);
  const predicted = await classifyPerTrace(model, points, n, space, options);
  const traces = predicted.length / Math.max(n, 1);
  const perTrace = Array.from({ length: traces }, (_, t) => classificationMetrics(labels, predicted.subarray(t * n, (t + 1) * n)));
  const summary = (key: keyof ClassificationMetrics) => meanAndSd(perTrace.map((m) => m[key]));
  return { perTrace, weightedF1: summary('weightedF1'), accuracy: summary('accuracy'), macroF1: summary('macroF1') };
}
