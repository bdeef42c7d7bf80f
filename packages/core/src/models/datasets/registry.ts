import { InvalidArgumentError } from '../../errors/index.ts';
import { type FashionMnistOptions, loadFashionMnist } from './fashion-mnist.ts';
import type { ImageDataset } from './types.ts';

/** Data sets classfit ships (no download). */
export const DATASETS = ['fashion-mnist'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** How a data set subset was drawn; stored with trained models so extraction can reload the same examples. */
export interface DatasetSelection {
  readonly name: DatasetName;
  readonly trainSize: number;
  readonly testSize: number;
  readonly seed: number;
}

/**
 * Loads a shipped data set by name with a seeded, stratified subset.
 * @param name 'fashion-mnist'
 */
export function loadDataset(name: string, options: FashionMnistOptions = {}): Promise<ImageDataset> {
  if (name === 'fashion-mnist') return loadFashionMnist(options);
  throw new InvalidArgumentError('dataset', `must be ${DATASETS.join(' | ')}, got '${name}'`);
}

/** The selection record of a loaded data set. */
export function selectionOf(dataset: ImageDataset): DatasetSelection {
  return { name: dataset.name as DatasetName, ...dataset.selection };
}

/** Normalised value of a black (0) pixel of channel 0: the crop-padding value (torchvision pads before normalising). */
export function blackLevel(dataset: ImageDataset): number {
  return -dataset.normalization.mean[0] / dataset.normalization.std[0];
}
