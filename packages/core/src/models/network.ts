import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ArchitectureSpec } from './architecture.ts';
import { buildPlainCnn } from './plain-cnn.ts';
import { buildResnet } from './resnet.ts';

/** A built (or loaded) classfit network: a tfjs-layers model plus what it was built from. */
export interface ClassfitNetwork {
  /** Input [batch, h, w, c] normalised images → logits [batch, numClasses]. */
  readonly model: LayersModel;
  readonly spec: ArchitectureSpec;
  /** Relative depth (weight-layer index / total weight layers) of stage1…stage4. */
  readonly relativeDepths: readonly number[];
}

/** Builds any architecture by name (ResNet family or the plain control). */
export function buildNetwork(spec: ArchitectureSpec): ClassfitNetwork {
  return spec.arch === 'plain' ? buildPlainCnn(spec) : buildResnet(spec);
}
