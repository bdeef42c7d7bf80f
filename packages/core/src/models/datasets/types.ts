/** One split of an image classification data set, examples in a fixed (seeded) order. */
export interface ImageSplit {
  /** Number of examples n. */
  readonly size: number;
  /** Normalised images [n, h, w, c], float32, C order: (pixel/255 − mean)/std. */
  readonly images: Float32Array;
  /** Class labels [n], int32 in [0, classes). */
  readonly labels: Int32Array;
  /** Raw pixels [n, h, w, c], uint8 (thumbnails for the dashboard). */
  readonly pixels: Uint8Array;
  /** Index of each example in the source data set [n] (for tracing examples back). */
  readonly sourceIndex: Int32Array;
}

/** An image classification data set as classfit trains and analyses it. */
export interface ImageDataset {
  readonly name: string;
  /** Class names in label order. */
  readonly classNames: readonly string[];
  /** [height, width, channels]. */
  readonly imageShape: readonly [number, number, number];
  /** Per-channel normalisation applied to `images` (values on the 0–1 pixel scale). */
  readonly normalization: { readonly mean: readonly number[]; readonly std: readonly number[] };
  readonly train: ImageSplit;
  readonly test: ImageSplit;
  /** How the subset was drawn (sizes and seed), for provenance. */
  readonly selection: { readonly trainSize: number; readonly testSize: number; readonly seed: number };
}
