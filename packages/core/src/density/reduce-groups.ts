import type { PreparedModel } from './prepared-model.ts';
import type { TraceAveraging } from './predictive-model.ts';

/**
 * Combines per-(class, trace group) log-densities into per-class ones
 * (DESIGN.md §7), in Float64:
 * - `log`: (1/G) Σ_g log p_g(x);
 * - `density`: log Σ_g W_g p_g(x) = log Σ_k w_k St_k(x).
 * @param groupLog [n, classIndices.length · G]
 * @returns [n, classIndices.length]
 */
export function reduceGroups(
  prepared: PreparedModel,
  groupLog: Float64Array,
  n: number,
  classIndices: readonly number[],
  averaging: TraceAveraging,
): Float64Array {
  const groups = prepared.groups;
  const classes = classIndices.length;
  const out = new Float64Array(n * classes);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < classes; c++) {
      const base = (i * classes + c) * groups;
      const weights = prepared.classes[classIndices[c]].logGroupWeight;
      if (averaging === 'log') {
        let sum = 0;
        for (let g = 0; g < groups; g++) sum += groupLog[base + g];
        out[i * classes + c] = sum / groups;
      } else {
        let max = -Infinity;
        for (let g = 0; g < groups; g++) max = Math.max(max, weights[g] + groupLog[base + g]);
        let sum = 0;
        for (let g = 0; g < groups; g++) sum += Math.exp(weights[g] + groupLog[base + g] - max);
        out[i * classes + c] = max + Math.log(sum);
      }
    }
  }
  return out;
}

/**
 * Rearranges [n, C · G] group log-densities into per-trace blocks [G, n, C].
 */
export function splitGroups(groupLog: Float64Array, n: number, classes: number, groups: number): Float64Array {
  const out = new Float64Array(groups * n * classes);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < classes; c++) {
      for (let g = 0; g < groups; g++) out[(g * n + i) * classes + c] = groupLog[(i * classes + c) * groups + g];
    }
  }
  return out;
}
