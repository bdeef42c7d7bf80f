/**
 * The base classifier of a certification: a saved network (classfit train) as CERTIFY's `BatchClassifier`,
 * with the normalised images of the training split it records (`info.dataset`), whose rows are the
 * examples of the models trained on that split.
 */
import {
  argmaxRows, type BatchClassifier, type DatasetSelection, initTrainingBackend, loadDataset, loadModel, predictLogitsSync,
} from '@classfit/core/models';
import { resolve } from 'node:path';
import { ValidationError } from '../errors.ts';

/** A base classifier with the examples it is asked about. */
export interface BaseNetwork {
  /** What the certification record names (the network's absolute directory). */
  readonly name: string;
  readonly numClasses: number;
  /** f: labels [count] of `count` inputs [count, size]. */
  readonly classify: BatchClassifier;
  /** The training split: normalised images [count, size] and labels [count]. */
  readonly train: { readonly images: Float32Array; readonly labels: Int32Array; readonly count: number; readonly size: number };
  /** Frees the network's tensors. */
  dispose(): void;
}

/** Opens a base network; opening fails (nothing certified) when the directory or its dataset record is unusable. */
export type OpenBaseNetwork = (directory: string, backend?: string) => Promise<BaseNetwork>;

/** Loads `directory` (model.json + weights.bin) on the chosen tfjs backend and its recorded training split. */
export const openBaseNetwork: OpenBaseNetwork = async (directory, backend) => {
  await initTrainingBackend(backend);
  const network = await loadModel(directory).catch((error: Error) => {
    throw new ValidationError([{ field: 'network', message: error.message }], 'cannot load the base network');
  });
  const selection = network.info.dataset as DatasetSelection | undefined;
  if (!selection?.name) {
    network.model.dispose();
    throw new ValidationError([{ field: 'network', message: `${directory} records no dataset (train it with classfit train)` }], 'cannot load the base network');
  }
  const train = (await loadDataset(selection.name, selection)).train;
  const shape = network.spec.inputShape;
  const size = shape[0] * shape[1] * shape[2];
  const numClasses = network.spec.numClasses;
  return {
    name: resolve(directory),
    numClasses,
    classify: (inputs, count) => argmaxRows(predictLogitsSync(network.model, inputs.subarray(0, count * size), shape, count), numClasses),
    train: { images: train.images, labels: train.labels, count: train.size, size },
    dispose: () => network.model.dispose(),
  };
};
