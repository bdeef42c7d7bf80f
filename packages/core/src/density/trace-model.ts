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

/**
 * The model of a subset of its kept traces (e.g. one sampler chain's): every class keeps only the components
 * of `traces`, renumbered 0..S−1 in the order given, weights divided by the kept share so that each class
 * sums to 1 again (each kept trace 1/S when the traces weighed alike); the averaging stays
 * `model.traceAveraging`. With `log` averaging a class's log-density under the subset is
 * (1/S) Σ_{t∈traces} log p(x | D, c_t) — the same estimator on fewer traces.
 * @param traces distinct kept-trace indices in [0, T), at least one
 * @throws InvalidArgumentError for bad indices, or when the components carry no trace index (a `density`
 *   model has merged its traces, so a subset cannot be told apart)
 */
export function tracesModel(model: PredictiveModel, traces: readonly number[]): PredictiveModel {
  const prepared = prepareModel(model);
  if (traces.length === 0) throw new InvalidArgumentError('traces', 'needs at least one trace');
  const position = new Map<number, number>();
  for (const t of traces) {
    if (!Number.isInteger(t) || t < 0 || t >= model.traceCount) throw new InvalidArgumentError('traces', `must be integers in [0, ${model.traceCount}), got ${t}`);
    if (position.has(t)) throw new InvalidArgumentError('traces', `lists trace ${t} twice`);
    position.set(t, position.size);
  }
  if (prepared.groups === 1 && model.traceCount > 1) {
    throw new InvalidArgumentError('model', `its components carry no trace index (traceAveraging '${model.traceAveraging}' merged ${model.traceCount} traces), so no subset of traces can be taken`);
  }
  if (prepared.groups === 1) return model;
  const classes = model.classes.map((cls): ClassMixture => {
    const members = cls.components.filter((k) => position.has(k.trace!));
    const total = members.reduce((sum, k) => sum + k.weight, 0);
    return { ...cls, components: members.map((k) => ({ ...k, weight: k.weight / total, trace: position.get(k.trace!)! })) };
  });
  return { ...model, traceCount: traces.length, classes };
}
