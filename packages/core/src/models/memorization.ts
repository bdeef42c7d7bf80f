import type { ArchitectureSpec } from './architecture.ts';
import { drawSubsets, type MemorizationEstimate, memorizationFromCorrectness } from './memorization-estimator.ts';
import type { LabelledImages, TrainProgress } from './train.ts';
import type { TrainOptions } from './train-options.ts';
import { runTrainingJobs } from './training-pool.ts';

/** Options of `estimateMemorization`. */
export interface MemorizationOptions {
  /** Architecture of every model (its `seed` is offset by the model index). */
  readonly spec: ArchitectureSpec;
  /** Training options of every model (without callbacks or indices). */
  readonly train: Omit<TrainOptions, 'onProgress' | 'indices'>;
  /** Number of models M (the paper: 2,000; a demo: a handful). */
  readonly models: number;
  /** Fraction of the examples each model trains on (default 0.7, Feldman & Zhang). */
  readonly subsetFraction?: number;
  /** Seed of the subsets (default 0). */
  readonly seed?: number;
  /** Worker threads (default: one per core, at most M); 0 trains in this thread. */
  readonly workers?: number;
  /** Backend each worker uses (default: core's `backendPreference()`). */
  readonly backend?: string;
  /** Progress per model; `finished` counts completed models. */
  readonly onProgress?: (event: { readonly model: number; readonly finished: number; readonly progress?: TrainProgress }) => void;
}

/** The estimate plus how it was made. */
export interface MemorizationResult extends MemorizationEstimate {
  readonly labels: Int32Array;
  readonly subsetFraction: number;
  /** Held-out accuracy of each model, when a held-out set was given. */
  readonly heldOutAccuracies: readonly number[];
  readonly seconds: number;
}

/**
 * Estimates Feldman's memorization score of every training example with the
 * subsampling estimator (METHOD.md H.2): M networks trained on seeded random
 * subsets, each then scored on all n examples. Cost: M trainings on
 * ⌊fraction·n⌋ examples plus M forward passes over n, spread over worker threads.
 * @param data training images [n, h, w, c] and labels [n]
 * @param heldOut optional test set, to report each model's accuracy
 */
export async function estimateMemorization(data: LabelledImages, options: MemorizationOptions, heldOut?: LabelledImages): Promise<MemorizationResult> {
  const started = performance.now();
  const subsetFraction = options.subsetFraction ?? 0.7;
  const subsets = drawSubsets(data.labels.length, options.models, subsetFraction, options.seed ?? 0);
  let finished = 0;
  const jobs = subsets.map((indices, m) => ({
    spec: { ...options.spec, seed: options.spec.seed + m },
    options: { ...options.train, seed: (options.train.seed ?? 0) + m, indices, evaluateEveryEpoch: false },
    predictTrain: true,
  }));
  const outputs = await runTrainingJobs(jobs, { train: data, heldOut }, {
    workers: options.workers,
    backend: options.backend,
    onProgress: (model, progress) => options.onProgress?.({ model, finished, progress }),
    onJobDone: (model) => {
      finished++;
      options.onProgress?.({ model, finished });
    },
  });
  const correct = outputs.map((o) => Uint8Array.from(o.trainPredictions ?? [], (label, i) => (label === data.labels[i] ? 1 : 0)));
  return {
    ...memorizationFromCorrectness(correct, subsets),
    labels: data.labels,
    subsetFraction,
    heldOutAccuracies: outputs.map((o) => o.result.heldOutAccuracy),
    seconds: (performance.now() - started) / 1000,
  };
}
