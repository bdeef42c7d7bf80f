import * as tfl from '@tensorflow/tfjs-layers';
import { type ArchitectureSpec, validateSpec } from './architecture.ts';
import { batchNorm, conv, convBnRelu, createLayerContext, logitsHead, relu } from './layers.ts';
import type { ClassfitNetwork } from './classfit-network.ts';

/**
 * Builds the paper's control network (Fig. A.8): a plain, non-residual 8-layer CNN.
 * Four stages of two conv-BN-ReLU layers with widths w, 2w, 4w, 8w; the first
 * conv of stages 2–4 has stride 2 (28 → 28, 14, 7, 4), as in `buildResnet`, so
 * the stage read-outs (`stage1`…`stage4`, post-ReLU) have the same shapes.
 * Then global average pool → dense logits.
 * @param spec arch 'plain', width w, input shape [h, w, c], classes, seed
 * @returns the network with logits output [batch, numClasses] and its stage read-outs
 */
export function buildPlainCnn(spec: ArchitectureSpec): ClassfitNetwork {
  const checked = validateSpec(spec);
  if (checked.arch !== 'plain') throw new Error(`buildPlainCnn: arch must be plain, got ${checked.arch}`);
  const ctx = createLayerContext(checked.seed);
  const input = tfl.input({ shape: [...checked.inputShape], name: 'image' });
  let x: tfl.SymbolicTensor = input;
  const stageDepths: number[] = [];
  for (let stage = 0; stage < 4; stage++) {
    const filters = checked.width * 2 ** stage;
    x = convBnRelu(ctx, x, filters, stage === 0 ? 1 : 2, `s${stage + 1}a`);
    x = relu(batchNorm(conv(ctx, x, filters, 3, 1, `s${stage + 1}b_conv`), `s${stage + 1}b_bn`), `stage${stage + 1}`);
    stageDepths.push(2 * (stage + 1));
  }
  const logits = logitsHead(ctx, x, checked.numClasses);
  return {
    model: tfl.model({ inputs: input, outputs: logits, name: 'plain' }),
    spec: checked,
    relativeDepths: stageDepths.map((d) => d / 9),
  };
}
