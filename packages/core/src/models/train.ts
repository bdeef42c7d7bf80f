import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '../errors/index.ts';
import { createRng } from '../rng/index.ts';
import { type Augmentation, assembleBatch } from './augment.ts';
import type { ClassfitNetwork } from './classfit-network.ts';
import { accuracy, argmaxRows, predictLogits } from './predict.ts';
import { type OneCycleSchedule, oneCycleLearningRate } from './schedule.ts';
import { createNesterovSgd } from './sgd.ts';
import { type TrainOptions, resolveTrainOptions } from './train-options.ts';
import type { EpochSummary } from './train-progress.ts';

/** Examples to train or evaluate on: normalised images [n, h, w, c] and labels [n]. */
export interface LabelledImages {
  readonly images: Float32Array;
  readonly labels: Int32Array;
}

export type { EpochSummary, TrainProgress } from './train-progress.ts';

/** What `trainClassifier` returns (the network's weights are trained in place). */
export interface TrainResult {
  readonly history: readonly EpochSummary[];
  /** Held-out accuracy at the end (NaN without a held-out set). */
  readonly heldOutAccuracy: number;
  readonly trainExamples: number;
  readonly seconds: number;
  readonly options: Required<Omit<TrainOptions, 'onProgress' | 'indices'>>;
}

/**
 * Trains `network` in place with SGD + Nesterov momentum, weight decay and the
 * one-cycle schedule (METHOD.md A.2), on mini-batches of augmented examples drawn
 * in a seeded order. Softmax cross-entropy on the logits.
 * @param network a freshly built (or loaded) network
 * @param train training examples, images [n, h, w, c], labels [n]
 * @param options epochs, batch size, schedule, augmentation, seed, optional subset `indices`
 * @param heldOut optional evaluation set (inference mode, no augmentation)
 */
export async function trainClassifier(network: ClassfitNetwork, train: LabelledImages, options: TrainOptions, heldOut?: LabelledImages): Promise<TrainResult> {
  const opts = resolveTrainOptions(options);
  const shape = network.spec.inputShape;
  const size = shape[0] * shape[1] * shape[2];
  const numClasses = network.spec.numClasses;
  if (train.images.length !== train.labels.length * size) {
    throw new InvalidArgumentError('train', `images must be [n, ${shape.join(', ')}] for ${train.labels.length} labels, got ${train.images.length} values`);
  }
  const pool = options.indices ?? Int32Array.from({ length: train.labels.length }, (_, i) => i);
  const n = pool.length;
  if (n === 0) throw new InvalidArgumentError('train', 'no training examples');
  const batchesPerEpoch = Math.ceil(n / opts.batchSize);
  const totalSteps = batchesPerEpoch * opts.epochs;
  const rng = createRng(opts.seed, 0x7a11);
  const variables = network.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const sgd = createNesterovSgd(variables, opts.momentum, opts.weightDecay);
  const schedule: OneCycleSchedule = opts.schedule;
  const augmentation: Augmentation = { pad: opts.augmentPad, flip: opts.augmentFlip, noiseStd: opts.noiseStd };
  const batchBuffer = new Float32Array(opts.batchSize * size);
  const batchLabels = new Int32Array(opts.batchSize);
  const history: EpochSummary[] = [];
  const started = performance.now();
  let step = 0;
  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      const epochStart = performance.now();
      const order = rng.shuffle(Int32Array.from(pool));
      let lossSum = 0;
      let correct = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        const batchIndices = order.subarray(b * opts.batchSize, Math.min(n, (b + 1) * opts.batchSize));
        const count = batchIndices.length;
        assembleBatch(train.images, shape, batchIndices, augmentation, opts.padValue, rng, batchBuffer);
        for (let k = 0; k < count; k++) batchLabels[k] = train.labels[batchIndices[k]];
        const learningRate = oneCycleLearningRate(schedule, step, totalSteps);
        const summary = tf.tidy(() => {
          const xs = tf.tensor4d(batchBuffer.subarray(0, count * size), [count, ...shape]);
          const labels = tf.tensor1d(batchLabels.subarray(0, count), 'int32');
          const targets = tf.oneHot(labels, numClasses);
          // variableGrads scopes its function: keep the hit count (not the logits) past it.
          let hitCount: tf.Tensor | null = null;
          const { value, grads } = tf.variableGrads(() => {
            const logits = network.model.apply(xs, { training: true }) as tf.Tensor;
            hitCount = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')));
            return tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar;
          }, variables);
          sgd.step(grads, learningRate);
          const kept = hitCount as unknown as tf.Tensor;
          const stacked = tf.stack([value, kept]);
          kept.dispose();
          return stacked;
        });
        // Read asynchronously: webgpu cannot read synchronously in Node.
        const [loss, hits] = Array.from(await summary.data());
        summary.dispose();
        step++;
        lossSum += loss * count;
        correct += hits;
        const elapsed = (performance.now() - epochStart) / 1000;
        opts.onProgress?.({ kind: 'batch', epoch, batch: b, batches: batchesPerEpoch, loss, accuracy: hits / count, learningRate, examplesPerSecond: (b * opts.batchSize + count) / elapsed });
        if (b % 8 === 7) await yieldToEventLoop();
      }
      const seconds = (performance.now() - epochStart) / 1000;
      const evaluate = heldOut && (opts.evaluateEveryEpoch || epoch === opts.epochs - 1);
      const heldOutAccuracy = evaluate ? await evaluateAccuracy(network, heldOut) : Number.NaN;
      const summary: EpochSummary = { epoch, loss: lossSum / n, accuracy: correct / n, heldOutAccuracy, seconds, examplesPerSecond: n / seconds };
      history.push(summary);
      opts.onProgress?.({ kind: 'epoch', ...summary });
    }
  } finally {
    sgd.dispose();
  }
  const { onProgress: _ignored, ...recorded } = opts;
  return {
    history,
    heldOutAccuracy: history.length > 0 ? history[history.length - 1].heldOutAccuracy : Number.NaN,
    trainExamples: n,
    seconds: (performance.now() - started) / 1000,
    options: recorded,
  };
}

/** Accuracy of `network` on `data` (inference mode, no augmentation). */
export async function evaluateAccuracy(network: ClassfitNetwork, data: LabelledImages): Promise<number> {
  const logits = await predictLogits(network.model, data.images, network.spec.inputShape);
  return accuracy(argmaxRows(logits, network.spec.numClasses), data.labels);
}

/** Lets progress output, timers and worker messages through between batches. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
