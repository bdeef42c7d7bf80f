import { InvalidArgumentError } from '../errors/index.ts';
import type { ClassMixture, PredictiveModel, StudentTComponent } from './predictive-model.ts';

/** Weights must sum to 1 (per class) and to 1/T (per trace, `log` mode) within this. */
export const WEIGHT_TOLERANCE = 1e-6;

const checked = new WeakSet<PredictiveModel>();

/**
 * Validates a predictive model once (cached per object): finite parameters,
 * lower-triangular factors with positive diagonal, weights summing to 1 per
 * class and to 1/T per trace in `log` mode. Throws `InvalidArgumentError(parameter, …)`
 * whose message names the offending path, e.g. `classes[3].components[0].scaleTril`.
 */
export function assertValidModel(model: PredictiveModel, parameter = 'model'): void {
  if (checked.has(model)) return;
  const problem = findModelProblem(model);
  if (problem !== null) throw new InvalidArgumentError(parameter, problem);
  checked.add(model);
}

/** The first problem of `model` as "path message", or null when it is valid. */
export function findModelProblem(model: PredictiveModel): string | null {
  const d = model.dim;
  if (!Number.isInteger(d) || d < 1) return `dim must be a positive integer, got ${d}`;
  if (model.traceAveraging !== 'density' && model.traceAveraging !== 'log') {
    return `traceAveraging must be 'density' or 'log', got '${String(model.traceAveraging)}'`;
  }
  if (!Number.isInteger(model.traceCount) || model.traceCount < 1) return `traceCount must be a positive integer, got ${model.traceCount}`;
  if (model.classes.length === 0) return 'classes must not be empty';
  const p = model.projection;
  if (p && (p.outputDim !== d || p.components.length !== p.outputDim * p.inputDim || !allFinite(p.components))) {
    return `projection.components must be [${d}][D] finite numbers`;
  }
  const traced = model.classes.map((cls) => cls.components.some((k) => k.trace !== undefined));
  if (traced.some((t) => t !== traced[0])) return 'classes[].components[].trace must be given in every class or in none';
  const labels = new Set<number>();
  for (let c = 0; c < model.classes.length; c++) {
    const cls = model.classes[c];
    if (labels.has(cls.label)) return `classes[${c}].label ${cls.label} is repeated`;
    labels.add(cls.label);
    const problem = findClassProblem(cls, d, model.traceAveraging === 'log' ? model.traceCount : null, model.traceCount);
    if (problem !== null) return `classes[${c}].${problem}`;
  }
  return null;
}

function findClassProblem(cls: ClassMixture, d: number, logTraces: number | null, traceCount: number): string | null {
  if (!Number.isInteger(cls.label)) return `label must be an integer, got ${cls.label}`;
  if (!(cls.n >= 0) || !Number.isInteger(cls.n)) return `n must be a non-negative integer, got ${cls.n}`;
  if (cls.components.length === 0) return 'components must not be empty';
  const withTrace = cls.components.filter((k) => k.trace !== undefined).length;
  if (logTraces !== null && withTrace !== cls.components.length) return "components[].trace is required with traceAveraging 'log'";
  if (withTrace !== 0 && withTrace !== cls.components.length) return 'components[].trace must be given for all components or none';
  const traceSums = new Float64Array(traceCount);
  let total = 0;
  for (let k = 0; k < cls.components.length; k++) {
    const problem = findComponentProblem(cls.components[k], d, traceCount);
    if (problem !== null) return `components[${k}].${problem}`;
    total += cls.components[k].weight;
    traceSums[cls.components[k].trace ?? 0] += cls.components[k].weight;
  }
  if (Math.abs(total - 1) > WEIGHT_TOLERANCE) return `components[].weight must sum to 1 (±${WEIGHT_TOLERANCE}), got ${total}`;
  if (withTrace !== 0) {
    for (let t = 0; t < traceCount; t++) if (!(traceSums[t] > 0)) return `components[].trace: trace ${t} has no component`;
  }
  if (logTraces !== null) {
    for (let t = 0; t < logTraces; t++) {
      if (Math.abs(traceSums[t] - 1 / logTraces) > WEIGHT_TOLERANCE) {
        return `components[].weight of trace ${t} must sum to 1/T = ${1 / logTraces} (±${WEIGHT_TOLERANCE}), got ${traceSums[t]}`;
      }
    }
  }
  const ref = cls.reference;
  if (ref.mean.length !== d || !allFinite(ref.mean)) return `reference.mean must be [${d}] finite numbers`;
  if (ref.variance.length !== d || !ref.variance.every((v) => v > 0 && Number.isFinite(v))) {
    return `reference.variance must be [${d}] positive finite numbers`;
  }
  return null;
}

function findComponentProblem(k: StudentTComponent, d: number, traceCount: number): string | null {
  if (!(k.weight > 0) || !Number.isFinite(k.weight)) return `weight must be a positive finite number, got ${k.weight}`;
  if (!(k.df > 0) || !Number.isFinite(k.df)) return `df must be a positive finite number, got ${k.df}`;
  if (k.trace !== undefined && !(Number.isInteger(k.trace) && k.trace >= 0 && k.trace < traceCount)) {
    return `trace must be an integer in [0, ${traceCount}), got ${k.trace}`;
  }
  if (k.loc.length !== d || !allFinite(k.loc)) return `loc must be [${d}] finite numbers`;
  if (!isLowerTriangular(k.scaleTril, d)) return `scaleTril must be [${d}][${d}] lower-triangular with positive diagonal`;
  return null;
}

function isLowerTriangular(l: Float64Array, d: number): boolean {
  if (l.length !== d * d) return false;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const v = l[i * d + j];
      if (!Number.isFinite(v) || (j > i && v !== 0) || (j === i && !(v > 0))) return false;
    }
  }
  return true;
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}
