import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ArchitectureSpec } from './architecture.ts';

/** A built (or loaded) classfit network: a tfjs-layers model plus what it was built from. */
export interface ClassfitNetwork {
  /** Input [batch, h, w, c] normalised images → logits [batch, numClasses]. */
  readonly model: LayersModel;
  readonly spec: ArchitectureSpec;
  /** Relative depth (weight-layer index / total weight layers) of stage1…stage4. */
  readonly relativeDepths: readonly number[];
}
