import { InvalidArgumentError } from '../errors/index.ts';
import type { Rng } from '../rng/index.ts';
import type { PredictiveModel, ScoreKernel } from '../density/index.ts';
import { effectiveTraceCount, sampleClass, scoreSamples, traceModel } from '../density/index.ts';
import { meanAndSd } from './class-log-density-stats.ts';

/** Options of `betweenClassKl`. */
export interface BetweenClassKlOptions {
  readonly rng: Rng;
  /** Samples per class per trace; the paper uses 10⁴. */
  readonly samplesPerClass?: number;
  /** Samples scored per call (bounds memory), default 10,000. */
  readonly batchSize?: number;
  readonly kernel?: ScoreKernel;
}

/** Trace-averaged between-class KL divergences. */
export interface BetweenClassKl {
  /** [C, C] row-major: entry (i, j) = KL(p_i ‖ p_j); the diagonal is exactly 0. */
  readonly matrix: Float64Array;
  readonly classes: number;
  /** [T, C, C] the per-trace matrices KL_t. */
  readonly perTrace: Float64Array;
}

/**
 * Between-class KL divergences (METHOD.md F). Per trace t: draw m samples
 * from every class's trace-t mixture, score them under every class's trace-t
 * mixture, L[j, i] = mean over x ~ p_i of log p_j(x), and
 * KL_t(p_i ‖ p_j) = L[i, i] − L[j, i]; then average over traces.
 */
export async function betweenClassKl(model: PredictiveModel, options: BetweenClassKlOptions): Promise<BetweenClassKl> {
  const m = options.samplesPerClass ?? 10_000;
  const batch = options.batchSize ?? 10_000;
  if (!Number.isInteger(m) || m < 1) throw new InvalidArgumentError('samplesPerClass', `must be a positive integer, got ${m}`);
  if (!Number.isInteger(batch) || batch < 1) throw new InvalidArgumentError('batchSize', `must be a positive integer, got ${batch}`);
  const traces = effectiveTraceCount(model);
  const c = model.classes.length;
  const perTrace = new Float64Array(traces * c * c);
  const matrix = new Float64Array(c * c);
  const l = new Float64Array(c * c);
  for (let t = 0; t < traces; t++) {
    const single = traceModel(model, t);
    l.fill(0);
    for (let i = 0; i < c; i++) {
      for (let done = 0; done < m; done += batch) {
        const count = Math.min(batch, m - done);
        const x = sampleClass(single.classes[i], count, options.rng);
        const logp = await scoreSamples(single, x, count, 'reduced', { kernel: options.kernel });
        for (let s = 0; s < count; s++) for (let j = 0; j < c; j++) l[j * c + i] += logp[s * c + j] / m;
      }
    }
    for (let i = 0; i < c; i++) {
      for (let j = 0; j < c; j++) {
        const kl = i === j ? 0 : l[i * c + i] - l[j * c + i];
        perTrace[(t * c + i) * c + j] = kl;
        matrix[i * c + j] += kl / traces;
      }
    }
  }
  return { matrix, classes: c, perTrace };
}

/**
 * The Fig. 4 statistic: mean ± s.d. of the KL entries that are > 0 (drops the
 * diagonal and negative Monte-Carlo estimates). s.d. is the population form
 * (seaborn `ci='sd'`, i.e. numpy.std).
 * @param matrix [C, C]
 */
export function positiveKlSummary(matrix: ArrayLike<number>): { mean: number; sd: number; count: number } {
  const values = Array.from(matrix).filter((v) => v > 0);
  return { ...meanAndSd(values), count: values.length };
}
