/** One-cycle learning-rate schedule with linear ramps and no momentum cycling (METHOD.md A.2). */
export interface OneCycleSchedule {
  /** Learning rate at the first step (paper 1e-6). */
  readonly initial: number;
  /** Peak learning rate (paper 0.4 at batch 512). */
  readonly peak: number;
  /** Learning rate at the last step (paper 1e-6). */
  readonly final: number;
  /** Fraction of all steps spent warming up to the peak (paper 0.15). */
  readonly warmupFraction: number;
}

/**
 * The learning rate at step `step` of `totalSteps` ("1e-6:0.4:1e-6:0.15:linear"):
 * linear from `initial` to `peak` over the first warmupFraction·T steps, then
 * linear down to `final` at step T − 1.
 */
export function oneCycleLearningRate(schedule: OneCycleSchedule, step: number, totalSteps: number): number {
  const warmup = Math.max(1, Math.round(schedule.warmupFraction * totalSteps));
  if (step < warmup) return schedule.initial + ((schedule.peak - schedule.initial) * step) / warmup;
  const annealSteps = Math.max(1, totalSteps - 1 - warmup);
  const t = Math.min(1, (step - warmup) / annealSteps);
  return schedule.peak + (schedule.final - schedule.peak) * t;
}
