import type { ClassMixture, DiagonalGaussian, PredictiveModel, StudentTComponent } from '../density/predictive-model.ts';
import { InvalidArgumentError } from '../errors/index.ts';
import type { NiwPrior } from './niw-prior.ts';
import type { ClassTrace, DpgmmVariants } from './types.ts';

/** What `predictiveFromTraces` needs besides the traces. */
export interface PredictiveClassInfo {
  readonly label: number;
  readonly name: string;
  readonly n: number;
  readonly prior: NiwPrior;
  /** q = N(mean, diag variance): the class mean and biased variance (METHOD E). */
  readonly reference: DiagonalGaussian;
}

/**
 * A class's predictive Student-t mixture from its kept traces (METHOD D).
 * Per trace t (K_t clusters, α_t): component k has df ν̃ = ν_k − d + 1 (= n_k + 3),
 * loc m_k, scaleTril sqrt((κ_k+1)/(κ_k ν̃))·L_k, and weight
 * 'paper': (α_t + n_k)/(K_t α_t + n); 'crp': n_k/(n + α_t), plus one prior-predictive
 * component St(m0, (κ0+1)/(κ0 ν̃0)·Ψ0, ν̃0 = ν0 − d + 1) of weight α_t/(n + α_t).
 * Every weight is divided by T so a class's weights sum to 1; with 'log' averaging
 * each component carries its `trace` index (each trace's weights sum to 1/T).
 * With `consume`, the components are views of the traces' own arrays (`means` as locs, `cholPsi` scaled in
 * place as scale factors — the same numbers, no second copy); the traces' parameters are then no longer theirs.
 */
export function predictiveFromTraces(
  info: PredictiveClassInfo,
  traces: readonly ClassTrace[],
  variants: Pick<DpgmmVariants, 'mixtureWeights' | 'traceAveraging'>,
  use: { consume?: boolean } = {},
): ClassMixture {
  if (traces.length === 0) throw new InvalidArgumentError('traces', 'needs at least one kept trace');
  const { prior, n } = info;
  const d = prior.d;
  const T = traces.length;
  const df0 = prior.nu0 - d + 1;
  const components: StudentTComponent[] = [];
  const push = (weight: number, df: number, kappa: number, loc: Float64Array, chol: Float64Array, t: number, owned: boolean): void => {
    const factor = Math.sqrt((kappa + 1) / (kappa * df));
    const scaleTril = owned ? chol : new Float64Array(d * d);
    for (let i = 0; i < d * d; i++) scaleTril[i] = factor * chol[i];
    const component: StudentTComponent =
      variants.traceAveraging === 'log' ? { weight: weight / T, df, loc, scaleTril, trace: t } : { weight: weight / T, df, loc, scaleTril };
    components.push(Object.freeze(component));
  };
  traces.forEach((trace, t) => {
    const K = trace.clusterCount;
    const alpha = trace.alpha;
    for (let k = 0; k < K; k++) {
      const nk = trace.counts[k];
      const weight = variants.mixtureWeights === 'paper' ? (alpha + nk) / (K * alpha + n) : nk / (n + alpha);
      const loc = use.consume ? trace.means.subarray(k * d, (k + 1) * d) : trace.means.slice(k * d, (k + 1) * d);
      push(weight, nk + df0, prior.kappa0 + nk, loc, trace.cholPsi.subarray(k * d * d, (k + 1) * d * d), t, use.consume === true);
    }
    if (variants.mixtureWeights === 'crp') {
      push(alpha / (n + alpha), df0, prior.kappa0, prior.mean.slice(), prior.cholPsi, t, false);
    }
  });
  return Object.freeze({ label: info.label, name: info.name, n, components: Object.freeze(components), reference: info.reference });
}

/** Assembles the layer's PredictiveModel from per-class mixtures sharing T kept traces. */
export function predictiveModel(
  dim: number,
  traceCount: number,
  traceAveraging: DpgmmVariants['traceAveraging'],
  classes: readonly ClassMixture[],
): PredictiveModel {
  return Object.freeze({ dim, traceAveraging, traceCount, classes: Object.freeze([...classes]) });
}
