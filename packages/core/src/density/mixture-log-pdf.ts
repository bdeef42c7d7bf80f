import type { ClassMixture, TraceAveraging } from './predictive-model.ts';
import { studentTLogPdf } from './student-t-log-pdf.ts';

/**
 * log p(x | class) of one point, straight from the definitions in DESIGN.md §7
 * (the reference the batched kernels are tested against):
 * - `density`: log Σ_k w_k St_k(x);
 * - `log`: (1/T) Σ_t log Σ_{k∈t} T·w_k·St_k(x) (each trace's weights sum to 1/T).
 * @param x point [d]
 * @param traceCount T (used in `log` mode; components must carry `trace` ∈ [0, T))
 */
export function mixtureLogPdf(
  mixture: ClassMixture,
  x: ArrayLike<number>,
  d: number,
  traceAveraging: TraceAveraging,
  traceCount: number,
): number {
  if (traceAveraging === 'density') {
    return logSumExp(mixture.components.map((c) => Math.log(c.weight) + studentTLogPdf(x, c.loc, c.scaleTril, c.df, d)));
  }
  let total = 0;
  for (let t = 0; t < traceCount; t++) total += traceLogPdf(mixture, x, d, t);
  return total / traceCount;
}

/**
 * log p(x | D, c_t): the mixture of trace t alone, its weights renormalised to 1
 * (T·w_k in `log` files; w_k / Σ_{k∈t} w_k in general). With no `trace`
 * indices the whole mixture is trace 0.
 */
export function traceLogPdf(mixture: ClassMixture, x: ArrayLike<number>, d: number, trace: number): number {
  const members = mixture.components.filter((c) => (c.trace ?? 0) === trace);
  const total = members.reduce((sum, c) => sum + c.weight, 0);
  return logSumExp(members.map((c) => Math.log(c.weight / total) + studentTLogPdf(x, c.loc, c.scaleTril, c.df, d)));
}

/** log Σ exp(v), −∞ for an empty or all −∞ list. */
export function logSumExp(values: ArrayLike<number>, start = 0, end = values.length): number {
  let max = -Infinity;
  for (let i = start; i < end; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  if (max === Infinity) return Infinity;
  let sum = 0;
  for (let i = start; i < end; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}
