import * as tf from '@tensorflow/tfjs-core';

/** SGD with Nesterov momentum and coupled weight decay, as `torch.optim.SGD(nesterov=True)`. */
export interface NesterovSgd {
  /** Applies one step: g ← g + λw; v ← μv + g; w ← w − lr·(g + μv). */
  step(grads: tf.NamedTensorMap, learningRate: number): void;
  /** Frees the momentum buffers. */
  dispose(): void;
}

/**
 * Creates the optimiser for `variables` (momentum buffers start at 0).
 * @param momentum μ (paper 0.9)
 * @param weightDecay λ applied to every variable, like torch's SGD `weight_decay`
 */
export function createNesterovSgd(variables: readonly tf.Variable[], momentum: number, weightDecay: number): NesterovSgd {
  // Variables survive tidy; the zeros they copy do not.
  const buffers = tf.tidy(() => variables.map((v) => tf.variable(tf.zerosLike(v), false)));
  return {
    step(grads, learningRate) {
      tf.tidy(() => {
        const lr = tf.scalar(learningRate);
        const mu = tf.scalar(momentum);
        const decay = tf.scalar(weightDecay);
        variables.forEach((variable, k) => {
          const grad = grads[variable.name];
          if (!grad) return;
          const g = weightDecay > 0 ? tf.add(grad, tf.mul(decay, variable)) : grad;
          const v = tf.add(tf.mul(mu, buffers[k]), g);
          buffers[k].assign(v);
          variable.assign(tf.sub(variable, tf.mul(lr, tf.add(g, tf.mul(mu, v)))));
        });
      });
    },
    dispose() {
      tf.dispose(buffers);
    },
  };
}
