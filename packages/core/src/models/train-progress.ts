/** Progress reported after every batch and every epoch. */
export type TrainProgress =
  | { readonly kind: 'batch'; readonly epoch: number; readonly batch: number; readonly batches: number; readonly loss: number; readonly accuracy: number; readonly learningRate: number; readonly examplesPerSecond: number }
  | ({ readonly kind: 'epoch' } & EpochSummary);

/** One epoch's averages. */
export interface EpochSummary {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  /** Held-out accuracy after the epoch (NaN when no held-out set or not evaluated this epoch). */
  readonly heldOutAccuracy: number;
  readonly seconds: number;
  readonly examplesPerSecond: number;
}
