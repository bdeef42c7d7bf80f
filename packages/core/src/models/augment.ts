import type { Rng } from '../rng/index.ts';

/** Training-time augmentation (METHOD.md A.1, scaled to 28×28). */
export interface Augmentation {
  /** Random-crop padding in pixels: each image is shifted by up to ±pad in x and y (0 = off). */
  readonly pad: number;
  /** Random horizontal flips with probability ½ (sensible for clothes). */
  readonly flip: boolean;
  /** Standard deviation of Gaussian noise added after normalisation (σ of randomized smoothing; 0 = off). */
  readonly noiseStd: number;
}

/**
 * Copies the examples `indices` of `images` [n, h, w, c] into `out` [b, h, w, c],
 * applying a random crop of the zero-padded image, a random flip and Gaussian
 * noise as configured. Padding uses `padValue`, the normalised value of a black
 * pixel (torchvision pads the PIL image before normalising).
 */
export function assembleBatch(
  images: Float32Array,
  shape: readonly [number, number, number],
  indices: ArrayLike<number>,
  augmentation: Augmentation | null,
  padValue: number,
  rng: Rng,
  out: Float32Array,
): void {
  const [h, w, c] = shape;
  const size = h * w * c;
  for (let k = 0; k < indices.length; k++) {
    const source = indices[k] * size;
    const target = k * size;
    if (!augmentation || (augmentation.pad === 0 && !augmentation.flip)) {
      out.set(images.subarray(source, source + size), target);
    } else {
      const pad = augmentation.pad;
      const dy = pad > 0 ? rng.integer(2 * pad + 1) - pad : 0;
      const dx = pad > 0 ? rng.integer(2 * pad + 1) - pad : 0;
      const flip = augmentation.flip && rng.uniform() < 0.5;
      for (let y = 0; y < h; y++) {
        const sy = y + dy;
        for (let x = 0; x < w; x++) {
          const sx = (flip ? w - 1 - x : x) + dx;
          const inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
          for (let ch = 0; ch < c; ch++) {
            out[target + (y * w + x) * c + ch] = inside ? images[source + (sy * w + sx) * c + ch] : padValue;
          }
        }
      }
    }
    if (augmentation && augmentation.noiseStd > 0) {
      for (let j = target; j < target + size; j++) out[j] += augmentation.noiseStd * rng.normal();
    }
  }
}
