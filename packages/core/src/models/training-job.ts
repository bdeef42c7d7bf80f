import type { ArchitectureSpec } from './architecture.ts';
import { saveModel } from './model-io.ts';
import { buildNetwork } from './network.ts';
import { argmaxRows, predictLogits } from './predict.ts';
import { type LabelledImages, type TrainProgress, trainClassifier, type TrainResult } from './train.ts';
import type { TrainOptions } from './train-options.ts';

/** One self-contained training run, serialisable so a worker thread can run it. */
export interface TrainingJob {
  readonly spec: ArchitectureSpec;
  /** Training options without callbacks (`indices` selects a subset of the training set). */
  readonly options: Omit<TrainOptions, 'onProgress'>;
  /** Also predict every training example afterwards (memorization needs this). */
  readonly predictTrain?: boolean;
  /** Save the trained network here (model.json + weights.bin). */
  readonly saveDirectory?: string;
  /** Provenance stored with the saved network. */
  readonly info?: Record<string, unknown>;
}

/** What a finished job hands back. */
export interface TrainingJobResult {
  readonly result: TrainResult;
  /** Predicted label of every training example [n] (when `predictTrain`). */
  readonly trainPredictions?: Int32Array;
}

/** The data a job trains on and evaluates against. */
export interface JobData {
  readonly train: LabelledImages;
  readonly heldOut?: LabelledImages;
}

/**
 * Builds, trains and optionally saves one network, then frees its tensors.
 * The same function runs in-process and inside `training-worker.ts`.
 */
export async function runTrainingJob(job: TrainingJob, data: JobData, onProgress?: (p: TrainProgress) => void): Promise<TrainingJobResult> {
  const network = buildNetwork(job.spec);
  try {
    const result = await trainClassifier(network, data.train, { ...job.options, onProgress }, data.heldOut);
    let trainPredictions: Int32Array | undefined;
    if (job.predictTrain) {
      const logits = await predictLogits(network.model, data.train.images, job.spec.inputShape);
      trainPredictions = argmaxRows(logits, job.spec.numClasses);
    }
    if (job.saveDirectory) {
      const { indices: _subset, ...recorded } = job.options;
      await saveModel(network, job.saveDirectory, { ...job.info, training: { ...recorded, history: result.history, heldOutAccuracy: result.heldOutAccuracy, seconds: result.seconds } });
    }
    return { result, trainPredictions };
  } finally {
    network.model.dispose();
  }
}
