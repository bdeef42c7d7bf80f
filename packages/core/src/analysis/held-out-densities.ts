import { InvalidArgumentError } from '../errors/index.ts';
import type { PointSpace, PredictiveModel, ScoreOptions } from '../density/index.ts';
import { scoreOwnClass } from '../density/index.ts';
import { meanAndSd } from './class-log-density-stats.ts';

/** Points of several classes: rows [n, width] and their labels [n]. */
export interface LabelledPoints {
  readonly points: Float32Array | Float64Array;
  readonly labels: ArrayLike<number>;
}

/** In-sample vs held-out mean own-class log-density of one class of a fit. */
export interface HeldOutDensity {
  readonly label: number;
  /** Points of the class the fit was trained on, and their mean log-density under the class's fitted density. */
  readonly inSampleCount: number;
  readonly inSampleMean: number;
  /** Held-out points of the class (not in the fit), and their mean log-density under the same density; NaN with none. */
  readonly heldOutCount: number;
  readonly heldOutMean: number;
  /** inSampleMean − heldOutMean, nats (positive: the density scores its own training points higher); NaN with no held-out point. */
  readonly gap: number;
}

/**
 * In-sample vs held-out own-class log-density per class (docs/method.md, "Held-out densities"): every point is
 * scored under its own class's density of `model`, the class's training points and its held-out points separately.
 * `model` must have been fitted on exactly `inSample` (this function cannot check that): a held-out point is only
 * held out if the fit never saw it.
 * @param inSample the points the fit was trained on, with their labels
 * @param heldOut points of the same classes left out of the fit (labels not in `model` are an error)
 * @returns one entry per class of `model`, in model order
 */
export async function heldOutDensities(
  model: PredictiveModel,
  inSample: LabelledPoints,
  heldOut: LabelledPoints,
  space: PointSpace,
  options: ScoreOptions = {},
): Promise<HeldOutDensity[]> {
  const scoreByLabel = async (set: LabelledPoints, name: string) => {
    const n = set.labels.length;
    const scores = n === 0 ? new Float64Array() : await scoreOwnClass(model, set.points, n, space, set.labels, options);
    const byLabel = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(scores[i])) throw new InvalidArgumentError(name, `point ${i} has log-density ${scores[i]} under its class`);
      const label = Number(set.labels[i]);
      const list = byLabel.get(label);
      if (list) list.push(scores[i]);
      else byLabel.set(label, [scores[i]]);
    }
    return byLabel;
  };
  const trained = await scoreByLabel(inSample, 'inSample');
  const held = await scoreByLabel(heldOut, 'heldOut');
  return model.classes.map(({ label }) => {
    const own = trained.get(label) ?? [];
    const out = held.get(label) ?? [];
    const inSampleMean = meanAndSd(own).mean;
    const heldOutMean = meanAndSd(out).mean;
    return { label, inSampleCount: own.length, inSampleMean, heldOutCount: out.length, heldOutMean, gap: inSampleMean - heldOutMean };
  });
}
