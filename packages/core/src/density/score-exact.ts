import type { PreparedModel } from './prepared-model.ts';

/**
 * Exact Float64 kernel: per-point, per-group log-densities
 * log Σ_{k∈g} (w_k/W_g)·St_k(x) for the chosen classes.
 * Mahalanobis terms by forward substitution on x − loc (no cancellation).
 * @param points [n, d] in model space
 * @param classIndices which classes, in output order
 * @returns [n, classIndices.length · G] row-major; class-major columns (class, group)
 */
export function exactGroupLogDensities(
  prepared: PreparedModel,
  points: Float64Array,
  n: number,
  classIndices: readonly number[],
): Float64Array {
  const d = prepared.dim;
  const groups = prepared.groups;
  const width = classIndices.length * groups;
  const out = new Float64Array(n * width);
  const solved = new Float64Array(d);
  const maxComponents = Math.max(...classIndices.map((c) => prepared.classes[c].size));
  const terms = new Float64Array(maxComponents);
  const groupMax = new Float64Array(groups);
  const groupSum = new Float64Array(groups);
  for (let i = 0; i < n; i++) {
    const x = i * d;
    for (let ci = 0; ci < classIndices.length; ci++) {
      const cls = prepared.classes[classIndices[ci]];
      const { loc, scaleTril: l, df, logNormaliser, logWeightInGroup, group } = cls;
      groupMax.fill(-Infinity);
      for (let k = 0; k < cls.size; k++) {
        const m = k * d;
        const base = k * d * d;
        let maha = 0;
        for (let r = 0; r < d; r++) {
          const row = base + r * d;
          let sum = points[x + r] - loc[m + r];
          for (let s = 0; s < r; s++) sum -= l[row + s] * solved[s];
          const y = sum / l[row + r];
          solved[r] = y;
          maha += y * y;
        }
        const v = logWeightInGroup[k] + logNormaliser[k] - ((df[k] + d) / 2) * Math.log1p(maha / df[k]);
        terms[k] = v;
        if (v > groupMax[group[k]]) groupMax[group[k]] = v;
      }
      groupSum.fill(0);
      for (let k = 0; k < cls.size; k++) groupSum[group[k]] += Math.exp(terms[k] - groupMax[group[k]]);
      const o = i * width + ci * groups;
      for (let g = 0; g < groups; g++) out[o + g] = groupMax[g] + Math.log(groupSum[g]);
    }
  }
  return out;
}
