import { InvalidArgumentError } from '../errors/index.ts';
import { prepareModel } from './prepared-model.ts';
import type { ClassMixture, PredictiveModel } from './predictive-model.ts';

/**
 * The model of one kept trace: every chosen class reduced to its trace-t
 * components, weights renormalised to 1, one trace, `density` averaging.
 * Scoring it gives log p(x | D_c, c_t), the per-trace density METHOD.md E, F
 * and G sample from and evaluate. Without trace indices trace 0 is the whole mixture.
 * @param classIndices which classes (model order), default all
 */
export function traceModel(model: PredictiveModel, trace: number, classIndices?: readonly number[]): PredictiveModel {
  const prepared = prepareModel(model);
  if (!Number.isInteger(trace) || trace < 0 || trace >= prepared.groups) {
    throw new InvalidArgumentError('trace', `must be an integer in [0, ${prepared.groups}), got ${trace}`);
  }
  const chosen = classIndices ?? model.classes.map((_, i) => i);
  const classes = chosen.map((c): ClassMixture => {
    const cls = model.classes[c];
    if (cls === undefined) throw new InvalidArgumentError('classIndices', `${c} is not a class index of the model`);
    const members = cls.components.filter((k) => (k.trace ?? 0) === trace);
    const total = members.reduce((sum, k) => sum + k.weight, 0);
    return { ...cls, components: members.map(({ trace: _t, ...k }) => ({ ...k, weight: k.weight / total })) };
  });
  return { dim: model.dim, traceAveraging: 'density', traceCount: 1, projection: model.projection, classes };
}

/** T as the kernels see it: model.traceCount when components carry trace indices, else 1. */
export function effectiveTraceCount(model: PredictiveModel): number {
  return prepareModel(model).groups;
}
