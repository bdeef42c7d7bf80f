import type { PreparedModel } from './prepared-model.ts';

/** Points solved together per component: four independent dependency chains, one load of L per 4 FMAs. */
const LANES = 4;

/**
 * Exact Float64 kernel: per-point, per-group log-densities
 * log Σ_{k∈g} (w_k/W_g)·St_k(x) for the chosen classes. Mahalanobis terms by
 * forward substitution on x − loc (no cancellation), component-major so each
 * factor stays in cache while all points stream past it.
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
  if (n === 0) return out;
  const maxComponents = Math.max(...classIndices.map((c) => prepared.classes[c].size));
  const terms = new Float64Array(n * maxComponents);
  const maha = new Float64Array(LANES);
  const solved = Array.from({ length: LANES }, () => new Float64Array(d));
  const groupMax = new Float64Array(groups);
  const groupSum = new Float64Array(groups);
  for (let ci = 0; ci < classIndices.length; ci++) {
    const cls = prepared.classes[classIndices[ci]];
    const size = cls.size;
    for (let k = 0; k < size; k++) {
      const bias = cls.logWeightInGroup[k] + cls.logNormaliser[k];
      const df = cls.df[k];
      const power = (df + d) / 2;
      for (let i = 0; i < n; i += LANES) {
        mahalanobis4(cls.scaleTril, k * d * d, cls.loc, k * d, points, i, Math.min(LANES, n - i), d, solved, maha);
        for (let lane = 0; lane < LANES && i + lane < n; lane++) {
          terms[(i + lane) * size + k] = bias - power * Math.log1p(maha[lane] / df);
        }
      }
    }
    const { group } = cls;
    for (let i = 0; i < n; i++) {
      const row = i * size;
      groupMax.fill(-Infinity);
      for (let k = 0; k < size; k++) if (terms[row + k] > groupMax[group[k]]) groupMax[group[k]] = terms[row + k];
      groupSum.fill(0);
      for (let k = 0; k < size; k++) groupSum[group[k]] += Math.exp(terms[row + k] - groupMax[group[k]]);
      const o = i * width + ci * groups;
      for (let g = 0; g < groups; g++) out[o + g] = groupMax[g] + Math.log(groupSum[g]);
    }
  }
  return out;
}

/**
 * ‖L⁻¹(x_p − loc)‖² for up to four consecutive points p = first … first+count−1
 * (missing lanes repeat the last point and are ignored by the caller).
 */
function mahalanobis4(
  l: Float64Array,
  base: number,
  loc: Float64Array,
  locOffset: number,
  points: Float64Array,
  first: number,
  count: number,
  d: number,
  solved: Float64Array[],
  maha: Float64Array,
): void {
  const x0 = first * d;
  const x1 = (first + Math.min(1, count - 1)) * d;
  const x2 = (first + Math.min(2, count - 1)) * d;
  const x3 = (first + Math.min(3, count - 1)) * d;
  const [y0, y1, y2, y3] = solved;
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  for (let r = 0; r < d; r++) {
    const row = base + r * d;
    const centre = loc[locOffset + r];
    let a0 = points[x0 + r] - centre;
    let a1 = points[x1 + r] - centre;
    let a2 = points[x2 + r] - centre;
    let a3 = points[x3 + r] - centre;
    for (let s = 0; s < r; s++) {
      const v = l[row + s];
      a0 -= v * y0[s];
      a1 -= v * y1[s];
      a2 -= v * y2[s];
      a3 -= v * y3[s];
    }
    const diag = l[row + r];
    a0 /= diag;
    a1 /= diag;
    a2 /= diag;
    a3 /= diag;
    y0[r] = a0;
    y1[r] = a1;
    y2[r] = a2;
    y3[r] = a3;
    m0 += a0 * a0;
    m1 += a1 * a1;
    m2 += a2 * a2;
    m3 += a3 * a3;
  }
  maha[0] = m0;
  maha[1] = m1;
  maha[2] = m2;
  maha[3] = m3;
}
