import { InvalidArgumentError } from '../errors/index.ts';
import { createRng, type Rng } from '../rng/index.ts';
import type { ClassfitNetwork } from './classfit-network.ts';
import { argmaxRows, predictLogitsSync } from './predict.ts';
import { clopperPearsonLower } from './stats/clopper-pearson.ts';
import { normalQuantile } from './stats/normal-quantile.ts';

/** CERTIFY settings (METHOD.md H.4; the paper: n0 = 100, n = 10⁵, α = 10⁻³, σ = 0.5). */
export interface CertifyOptions {
  /** Noisy samples used to pick the top class (default 100). */
  readonly n0?: number;
  /** Noisy samples used to bound its probability (default 100,000). */
  readonly n?: number;
  /** Failure probability α of the certificate (default 0.001). */
  readonly alpha?: number;
  /** Noise standard deviation σ in normalised-input units (default 0.5). */
  readonly sigma?: number;
  /** Noisy copies per forward pass (default 500). */
  readonly batchSize?: number;
  /** Seed of the noise (default 0); example i uses stream i. */
  readonly seed?: number;
  /** Called after each example. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** CERTIFY's answer for one example. */
export interface Certificate {
  /** Predicted class c_A, or −1 when abstaining. */
  readonly prediction: number;
  /** Certified ℓ2 radius σ·Φ⁻¹(p̲_A), 0 when abstaining. */
  readonly radius: number;
  readonly abstained: boolean;
  /** Lower confidence bound p̲_A on P(f(x + ε) = c_A). */
  readonly pLower: number;
  /** Votes for c_A among the n samples. */
  readonly countTop: number;
}

/** A base classifier: labels [count] of `count` inputs packed in `inputs` [count, …]. */
export type BatchClassifier = (inputs: Float32Array, count: number) => Int32Array;

/**
 * Cohen, Rosenfeld & Kolter's CERTIFY for one input x [size]: top class from n0
 * noisy copies x + N(0, σ²I), then n fresh copies; p̲_A = one-sided Clopper–Pearson
 * lower bound at level α; abstain if p̲_A < ½, else radius σ·Φ⁻¹(p̲_A).
 * @param classify the base classifier f
 * @param x one input, flattened [size]
 * @param numClasses number of labels f can return
 */
export function certifyOne(classify: BatchClassifier, x: Float32Array, numClasses: number, options: CertifyOptions, rng: Rng): Certificate {
  const { n0, n, alpha, sigma, batchSize } = resolve(options);
  const selection = sampleCounts(classify, x, numClasses, n0, sigma, batchSize, rng);
  let top = 0;
  for (let k = 1; k < numClasses; k++) if (selection[k] > selection[top]) top = k;
  const countTop = sampleCounts(classify, x, numClasses, n, sigma, batchSize, rng)[top];
  const pLower = clopperPearsonLower(countTop, n, alpha);
  if (pLower < 0.5) return { prediction: -1, radius: 0, abstained: true, pLower, countTop };
  return { prediction: top, radius: sigma * normalQuantile(pLower), abstained: false, pLower, countTop };
}

/**
 * CERTIFY for every image with a network as base classifier (inference mode).
 * Cost: (n0 + n) forward passes per image.
 * @param images normalised images [m, h, w, c]
 * @returns one certificate per image
 */
export async function certify(network: ClassfitNetwork, images: Float32Array, options: CertifyOptions = {}): Promise<Certificate[]> {
  const shape = network.spec.inputShape;
  const size = shape[0] * shape[1] * shape[2];
  if (images.length % size !== 0) throw new InvalidArgumentError('images', `must be [m, ${shape.join(', ')}], got ${images.length} values`);
  const classify: BatchClassifier = (inputs, count) => {
    const logits = predictLogitsSync(network.model, inputs.subarray(0, count * size), shape, count);
    return argmaxRows(logits, network.spec.numClasses);
  };
  const m = images.length / size;
  const seed = options.seed ?? 0;
  const out: Certificate[] = [];
  for (let i = 0; i < m; i++) {
    out.push(certifyOne(classify, images.subarray(i * size, (i + 1) * size), network.spec.numClasses, options, createRng(seed, i)));
    options.onProgress?.(i + 1, m);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

function sampleCounts(classify: BatchClassifier, x: Float32Array, numClasses: number, samples: number, sigma: number, batchSize: number, rng: Rng): Int32Array {
  const counts = new Int32Array(numClasses);
  const buffer = new Float32Array(Math.min(batchSize, samples) * x.length);
  for (let done = 0; done < samples; ) {
    const count = Math.min(batchSize, samples - done);
    for (let k = 0; k < count; k++) {
      for (let j = 0; j < x.length; j++) buffer[k * x.length + j] = x[j] + sigma * rng.normal();
    }
    const labels = classify(buffer, count);
    for (let k = 0; k < count; k++) counts[labels[k]]++;
    done += count;
  }
  return counts;
}

function resolve(options: CertifyOptions): Required<Omit<CertifyOptions, 'onProgress' | 'seed'>> {
  const r = { n0: options.n0 ?? 100, n: options.n ?? 100_000, alpha: options.alpha ?? 0.001, sigma: options.sigma ?? 0.5, batchSize: options.batchSize ?? 500 };
  for (const key of ['n0', 'n', 'batchSize'] as const) {
    if (!Number.isInteger(r[key]) || r[key] < 1) throw new InvalidArgumentError(key, `must be a positive integer, got ${r[key]}`);
  }
  if (!(r.alpha > 0 && r.alpha < 1)) throw new InvalidArgumentError('alpha', `must be in (0, 1), got ${r.alpha}`);
  if (!(r.sigma > 0)) throw new InvalidArgumentError('sigma', `must be > 0, got ${r.sigma}`);
  return r;
}
