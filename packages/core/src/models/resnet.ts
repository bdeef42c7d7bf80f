import * as tfl from '@tensorflow/tfjs-layers';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers';
import { type ArchitectureSpec, validateSpec } from './architecture.ts';
import { batchNorm, conv, convBnRelu, createLayerContext, type LayerContext, logitsHead, relu } from './layers.ts';
import type { ClassfitNetwork } from './classfit-network.ts';

/** BasicBlocks per stage: ResNet-18 [2,2,2,2], ResNet-10 [1,1,1,1]. */
const BLOCKS = { resnet18: [2, 2, 2, 2], resnet10: [1, 1, 1, 1] } as const;

/**
 * Builds a ResNet in the paper's CIFAR style (torchvision BasicBlock, METHOD.md A.2)
 * sized for small images such as 28×28 Fashion-MNIST:
 * stem 3×3 conv stride 1 (no max-pool) → four stages of BasicBlocks with widths
 * w, 2w, 4w, 8w, stride 2 at the first block of stages 2–4 (28 → 28, 14, 7, 4
 * with 'same' padding) → global average pool → dense logits.
 * Each block: conv-BN-ReLU-conv-BN (+ 1×1 conv-BN shortcut when the shape changes),
 * addition, ReLU; the second BN's γ starts at 0 (`zero_init_residual=True`).
 * The stage outputs (post-ReLU, after the addition) are the layers named
 * `stage1`…`stage4`.
 * @param spec arch 'resnet18' | 'resnet10', width w, input shape [h, w, c], classes, seed
 * @returns the network with logits output [batch, numClasses] and its stage read-outs
 */
export function buildResnet(spec: ArchitectureSpec): ClassfitNetwork {
  const checked = validateSpec(spec);
  if (checked.arch !== 'resnet18' && checked.arch !== 'resnet10') {
    throw new Error(`buildResnet: arch must be resnet18 | resnet10, got ${checked.arch}`);
  }
  const ctx = createLayerContext(checked.seed);
  const input = tfl.input({ shape: [...checked.inputShape], name: 'image' });
  let x = convBnRelu(ctx, input, checked.width, 1, 'stem');
  const blocks = BLOCKS[checked.arch];
  const stageDepths: number[] = [];
  let depth = 1;
  for (let stage = 0; stage < 4; stage++) {
    const filters = checked.width * 2 ** stage;
    for (let b = 0; b < blocks[stage]; b++) {
      const last = b === blocks[stage] - 1;
      const name = last ? `stage${stage + 1}` : `stage${stage + 1}_block${b + 1}`;
      x = basicBlock(ctx, x, filters, stage > 0 && b === 0 ? 2 : 1, `s${stage + 1}b${b + 1}`, name);
      depth += 2;
    }
    stageDepths.push(depth);
  }
  const logits = logitsHead(ctx, x, checked.numClasses);
  const total = depth + 1;
  return {
    model: tfl.model({ inputs: input, outputs: logits, name: checked.arch }),
    spec: checked,
    relativeDepths: stageDepths.map((d) => d / total),
  };
}

function basicBlock(ctx: LayerContext, x: SymbolicTensor, filters: number, strides: number, prefix: string, outName: string): SymbolicTensor {
  const inChannels = x.shape[x.shape.length - 1];
  let y = convBnRelu(ctx, x, filters, strides, `${prefix}_a`);
  y = batchNorm(conv(ctx, y, filters, 3, 1, `${prefix}_b_conv`), `${prefix}_b_bn`, true);
  const shortcut =
    strides !== 1 || inChannels !== filters
      ? batchNorm(conv(ctx, x, filters, 1, strides, `${prefix}_down_conv`), `${prefix}_down_bn`)
      : x;
  const sum = tfl.layers.add({ name: `${prefix}_add` }).apply([y, shortcut]) as SymbolicTensor;
  return relu(sum, outName);
}
