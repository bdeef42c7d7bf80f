import * as tfl from '@tensorflow/tfjs-layers';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers';

/** Names of the four read-out layers (post-ReLU stage outputs) every classfit network exposes. */
export const STAGE_OUTPUT_NAMES = ['stage1', 'stage2', 'stage3', 'stage4'] as const;

/** Shared knobs of the layer helpers: deterministic initialisation needs a seed per layer. */
export interface LayerContext {
  /** Incremented for every initialiser so each layer's weights come from its own seed. */
  nextSeed(): number;
}

/**
 * A context whose layer seeds run base·1000 + 1, 2, 3, … with base the zigzag map of the
 * network seed (0, −1, 1, −2 … → 0, 1, 2, 3 …). Never 0: tfjs's random initialisers treat a
 * seed of 0 as "no seed" and fall back to Math.random.
 */
export function createLayerContext(seed: number): LayerContext {
  const base = seed >= 0 ? 2 * seed : -2 * seed - 1;
  let counter = 0;
  return { nextSeed: () => base * 1000 + ++counter };
}

/** 3×3 (or k×k) convolution without bias, He-normal initialised (fan-in, as torchvision's kaiming for ReLU nets). */
export function conv(ctx: LayerContext, x: SymbolicTensor, filters: number, kernelSize: number, strides: number, name: string): SymbolicTensor {
  return tfl.layers
    .conv2d({
      filters,
      kernelSize,
      strides,
      padding: 'same',
      useBias: false,
      kernelInitializer: tfl.initializers.heNormal({ seed: ctx.nextSeed() }),
      name,
    })
    .apply(x) as SymbolicTensor;
}

/** Batch normalisation over channels; `zeroGamma` starts the scale at 0 (zero_init_residual). */
export function batchNorm(x: SymbolicTensor, name: string, zeroGamma = false): SymbolicTensor {
  return tfl.layers
    .batchNormalization({ axis: -1, momentum: 0.9, epsilon: 1e-5, gammaInitializer: zeroGamma ? 'zeros' : 'ones', name })
    .apply(x) as SymbolicTensor;
}

/** ReLU as its own named layer, so stage outputs can be looked up by name. */
export function relu(x: SymbolicTensor, name: string): SymbolicTensor {
  return tfl.layers.reLU({ name }).apply(x) as SymbolicTensor;
}

/** conv → BN → ReLU. */
export function convBnRelu(ctx: LayerContext, x: SymbolicTensor, filters: number, strides: number, name: string): SymbolicTensor {
  return relu(batchNorm(conv(ctx, x, filters, 3, strides, `${name}_conv`), `${name}_bn`), `${name}_relu`);
}

/** Global average pool + dense layer emitting class logits (softmax is applied by the loss / caller). */
export function logitsHead(ctx: LayerContext, x: SymbolicTensor, numClasses: number): SymbolicTensor {
  const pooled = tfl.layers.globalAveragePooling2d({ name: 'avg_pool' }).apply(x) as SymbolicTensor;
  return tfl.layers
    .dense({
      units: numClasses,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: ctx.nextSeed() }),
      name: 'logits',
    })
    .apply(pooled) as SymbolicTensor;
}
