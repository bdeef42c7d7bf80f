import { InvalidArgumentError } from '../errors/index.ts';
import type { Rng } from '../rng/index.ts';
import type { PredictiveModel, ScoreKernel } from '../density/index.ts';
import { effectiveTraceCount, sampleClass, scoreSamples, traceModel } from '../density/index.ts';
import { meanAndSd } from './class-log-density-stats.ts';

/** Options of the per-trace Monte-Carlo estimators (METHOD.md E). */
export interface MonteCarloOptions {
  /** Random stream for the samples (consumed trace by trace, batch by batch). */
  readonly rng: Rng;
  /** m, samples per trace; the paper uses 10⁵ for relative entropy. */
  readonly samplesPerTrace?: number;
  /** Samples scored per call (bounds memory), default 10,000. */
  readonly batchSize?: number;
  /** Scoring kernel, default 'tensor'. */
  readonly kernel?: ScoreKernel;
}

/** A trace-averaged Monte-Carlo estimate. */
export interface MonteCarloEstimate {
  /** (1/T) Σ_t (1/m) Σ_s g(x_ts). */
  readonly estimate: number;
  /** Monte-Carlo standard error of `estimate`: √(Σ_t s_t²/m) / T, s_t the sample s.d. within trace t. */
  readonly standardError: number;
  /** [T] per-trace means. */
  readonly perTrace: Float64Array;
  /** Population s.d. of the per-trace means (spread across the posterior, not Monte-Carlo error). */
  readonly traceSd: number;
}

/**
 * E_{x ~ p_t}[g(x, log p_t(x))] for every kept trace t of one class, where
 * both the samples and log p come from the SAME trace's mixture (METHOD.md E),
 * then averaged over traces.
 * @param integrand maps a batch (samples [count, d], log p_t [count]) to values [count]
 */
export async function traceMonteCarlo(
  model: PredictiveModel,
  classIndex: number,
  integrand: (samples: Float64Array, logDensity: Float64Array, count: number) => Float64Array,
  options: MonteCarloOptions,
): Promise<MonteCarloEstimate> {
  const m = options.samplesPerTrace ?? 100_000;
  const batch = options.batchSize ?? 10_000;
  if (!Number.isInteger(m) || m < 2) throw new InvalidArgumentError('samplesPerTrace', `must be an integer ≥ 2, got ${m}`);
  if (!Number.isInteger(batch) || batch < 1) throw new InvalidArgumentError('batchSize', `must be a positive integer, got ${batch}`);
  if (!Number.isInteger(classIndex) || model.classes[classIndex] === undefined) {
    throw new InvalidArgumentError('classIndex', `must index one of the model's ${model.classes.length} classes, got ${classIndex}`);
  }
  const traces = effectiveTraceCount(model);
  const perTrace = new Float64Array(traces);
  let variance = 0;
  for (let t = 0; t < traces; t++) {
    const single = traceModel(model, t, [classIndex]);
    let sum = 0;
    let sumSquares = 0;
    let shift = NaN;
    for (let done = 0; done < m; done += batch) {
      const count = Math.min(batch, m - done);
      const x = sampleClass(single.classes[0], count, options.rng);
      const logp = await scoreSamples(single, x, count, 'reduced', { kernel: options.kernel });
      const values = integrand(x, logp, count);
      if (Number.isNaN(shift)) shift = values[0];
      for (let i = 0; i < count; i++) {
        const v = values[i] - shift;
        sum += v;
        sumSquares += v * v;
      }
    }
    perTrace[t] = shift + sum / m;
    variance += (sumSquares - (sum * sum) / m) / (m - 1) / m;
  }
  const { mean: estimate, sd: traceSd } = meanAndSd(perTrace);
  return { estimate, standardError: Math.sqrt(variance) / traces, perTrace, traceSd };
}
