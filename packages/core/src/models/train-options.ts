import { InvalidArgumentError } from '../errors/index.ts';
import type { OneCycleSchedule } from './schedule.ts';
import type { TrainProgress } from './train-progress.ts';

/** Options of `trainClassifier`; every field but `epochs` has a default. */
export interface TrainOptions {
  readonly epochs: number;
  /** Mini-batch size (default 32: few images and epochs need many steps; the paper used 512 on 50k images). */
  readonly batchSize?: number;
  /** One-cycle schedule (default 1e-6 → 0.2 → 1e-6, warm-up 15 %, best of 0.05–0.2 measured on Fashion-MNIST; the paper's peak 0.4 was for batch 512). */
  readonly schedule?: OneCycleSchedule;
  /** Nesterov momentum (default 0.9). */
  readonly momentum?: number;
  /** Weight decay on all weights (default 5e-4: short runs on few images need more than the paper's 1e-6). */
  readonly weightDecay?: number;
  /** Random-crop padding in pixels (default 2 for 28×28, as the paper's 4 for 32×32). */
  readonly augmentPad?: number;
  /** Random horizontal flips (default true). */
  readonly augmentFlip?: boolean;
  /** Gaussian input noise σ after normalisation (default 0; 0.5 for randomized-smoothing base nets, METHOD.md H.4). */
  readonly noiseStd?: number;
  /** Normalised value of a black pixel, used for crop padding (default 0). */
  readonly padValue?: number;
  /** Seed of the example order, augmentation and noise (default 0). */
  readonly seed?: number;
  /** Evaluate the held-out set after every epoch (default true) or only after the last. */
  readonly evaluateEveryEpoch?: boolean;
  /** Train on these example indices only (default all), e.g. a memorization subset. */
  readonly indices?: Int32Array;
  readonly onProgress?: (progress: TrainProgress) => void;
}

/** Default one-cycle schedule. */
export const DEFAULT_SCHEDULE: OneCycleSchedule = Object.freeze({ initial: 1e-6, peak: 0.2, final: 1e-6, warmupFraction: 0.15 });

/** Fills defaults and checks ranges at the public edge. */
export function resolveTrainOptions(options: TrainOptions): Required<Omit<TrainOptions, 'indices' | 'onProgress'>> & Pick<TrainOptions, 'onProgress'> {
  const resolved = {
    epochs: options.epochs,
    batchSize: options.batchSize ?? 32,
    schedule: options.schedule ?? DEFAULT_SCHEDULE,
    momentum: options.momentum ?? 0.9,
    weightDecay: options.weightDecay ?? 5e-4,
    augmentPad: options.augmentPad ?? 2,
    augmentFlip: options.augmentFlip ?? true,
    noiseStd: options.noiseStd ?? 0,
    padValue: options.padValue ?? 0,
    seed: options.seed ?? 0,
    evaluateEveryEpoch: options.evaluateEveryEpoch ?? true,
    onProgress: options.onProgress,
  };
  positiveInteger('epochs', resolved.epochs);
  positiveInteger('batchSize', resolved.batchSize);
  if (!Number.isInteger(resolved.augmentPad) || resolved.augmentPad < 0) throw new InvalidArgumentError('augmentPad', `must be an integer ≥ 0, got ${resolved.augmentPad}`);
  inRange('momentum', resolved.momentum, 0, 1);
  inRange('weightDecay', resolved.weightDecay, 0, 1);
  inRange('noiseStd', resolved.noiseStd, 0, 100);
  const s = resolved.schedule;
  if (!(s.initial >= 0 && s.peak > 0 && s.final >= 0 && s.warmupFraction >= 0 && s.warmupFraction < 1)) {
    throw new InvalidArgumentError('schedule', `needs initial ≥ 0, peak > 0, final ≥ 0, 0 ≤ warmupFraction < 1, got ${JSON.stringify(s)}`);
  }
  if (!Number.isInteger(resolved.seed)) throw new InvalidArgumentError('seed', `must be an integer, got ${resolved.seed}`);
  return resolved;
}

function positiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(name, `must be a positive integer, got ${value}`);
}

function inRange(name: string, value: number, lo: number, hi: number): void {
  if (!(value >= lo && value <= hi)) throw new InvalidArgumentError(name, `must be in [${lo}, ${hi}], got ${value}`);
}
