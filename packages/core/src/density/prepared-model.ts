import { invertLower } from '../linalg/index.ts';
import { assertValidModel } from './check-model.ts';
import type { PredictiveModel } from './predictive-model.ts';
import { studentTLogNormaliser } from './student-t-log-pdf.ts';

/**
 * One class's components flattened into typed arrays for the batched kernels.
 * Components are grouped by trace ("groups": T per class, or 1 when the
 * components carry no trace index); weights are renormalised within a group.
 */
export interface PreparedClass {
  /** K, number of components. */
  readonly size: number;
  /** G, number of trace groups (T, or 1 without trace indices). */
  readonly groups: number;
  /** [K, d] */
  readonly loc: Float64Array;
  /** [K, d, d] lower-triangular shape factors. */
  readonly scaleTril: Float64Array;
  /** [K] degrees of freedom. */
  readonly df: Float64Array;
  /** [K] x-independent part of each log-pdf (METHOD.md B.4). */
  readonly logNormaliser: Float64Array;
  /** [K] ln(w_k / W_g), the weight within its group. */
  readonly logWeightInGroup: Float64Array;
  /** [K] group (trace) of each component. */
  readonly group: Int32Array;
  /** [G] ln W_g, each group's share of the class weight. */
  readonly logGroupWeight: Float64Array;
}

/** A validated model in kernel form; built once per model object. */
export interface PreparedModel {
  readonly model: PredictiveModel;
  readonly dim: number;
  /** Trace groups per class (the same for every class). */
  readonly groups: number;
  readonly classes: readonly PreparedClass[];
}

const cache = new WeakMap<PredictiveModel, PreparedModel>();
const inverses = new WeakMap<PreparedClass, Float64Array>();

/** Validates `model` (throws `InvalidArgumentError`) and returns its cached kernel form. */
export function prepareModel(model: PredictiveModel, parameter = 'model'): PreparedModel {
  const hit = cache.get(model);
  if (hit) return hit;
  assertValidModel(model, parameter);
  const hasTraces = model.classes[0].components[0].trace !== undefined;
  const groups = hasTraces ? model.traceCount : 1;
  const classes = model.classes.map((cls) => {
    const d = model.dim;
    const size = cls.components.length;
    const prepared = {
      size,
      groups,
      loc: packed(cls.components.map((k) => k.loc), d),
      scaleTril: packed(cls.components.map((k) => k.scaleTril), d * d),
      df: new Float64Array(size),
      logNormaliser: new Float64Array(size),
      logWeightInGroup: new Float64Array(size),
      group: new Int32Array(size),
      logGroupWeight: new Float64Array(groups),
    };
    const groupWeight = new Float64Array(groups);
    cls.components.forEach((k, i) => {
      prepared.group[i] = k.trace ?? 0;
      groupWeight[prepared.group[i]] += k.weight;
    });
    cls.components.forEach((k, i) => {
      prepared.df[i] = k.df;
      prepared.logNormaliser[i] = studentTLogNormaliser(k.scaleTril, k.df, d);
      prepared.logWeightInGroup[i] = Math.log(k.weight / groupWeight[prepared.group[i]]);
    });
    for (let g = 0; g < groups; g++) prepared.logGroupWeight[g] = Math.log(groupWeight[g]);
    return prepared;
  });
  const prepared: PreparedModel = { model, dim: model.dim, groups, classes };
  cache.set(model, prepared);
  return prepared;
}

/**
 * The rows `parts` (each of `stride` values) as one [parts.length, stride] array: a view when they already lie
 * back to back in one buffer (a model read from its binary file: every class's components are one range of the
 * file's arrays), else a packed copy. The view keeps a d = 64 layer's factors in memory once instead of twice.
 */
function packed(parts: readonly Float64Array[], stride: number): Float64Array {
  const first = parts[0];
  const adjacent =
    first !== undefined &&
    parts.every((p, i) => p.length === stride && p.buffer === first.buffer && p.byteOffset === first.byteOffset + i * stride * 8);
  if (adjacent) return new Float64Array(first.buffer, first.byteOffset, parts.length * stride);
  const out = new Float64Array(parts.length * stride);
  parts.forEach((p, i) => out.set(p, i * stride));
  return out;
}

/**
 * The inverse factors L_k⁻¹ of a class, [K, d(d+1)/2]: each lower-triangular inverse packed by rows (row i's
 * entries 0…i start at i(i+1)/2), computed once per class and cached — half the memory of the [K, d, d] form,
 * which at d = 64 would hold as many bytes as the model's own factors. The tensor kernel turns all Mahalanobis
 * terms into one matmul with them.
 */
export function inverseFactors(cls: PreparedClass, d: number): Float64Array {
  const hit = inverses.get(cls);
  if (hit) return hit;
  const size = packedTriangleSize(d);
  const out = new Float64Array(cls.size * size);
  for (let k = 0; k < cls.size; k++) {
    const inv = invertLower(cls.scaleTril, d, k * d * d);
    for (let i = 0, at = k * size; i < d; at += i + 1, i++) out.set(inv.subarray(i * d, i * d + i + 1), at);
  }
  inverses.set(cls, out);
  return out;
}

/** Entries of one packed lower triangle of order d: d(d+1)/2. */
export function packedTriangleSize(d: number): number {
  return (d * (d + 1)) / 2;
}
