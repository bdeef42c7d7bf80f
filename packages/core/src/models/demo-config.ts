import type { ArchitectureName } from './architecture.ts';

/** The measured demo configuration (see DEMO_CONFIG.md for the measurements behind it). */
export interface DemoConfig {
  readonly dataset: 'fashion-mnist';
  readonly trainSize: number;
  readonly testSize: number;
  readonly seed: number;
  /** Networks analysed: ≥ 2 residual architectures and the plain control. */
  readonly architectures: readonly ArchitectureName[];
  readonly width: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** Random crops/flips off: with 4 epochs they cost ~6 points of accuracy (measured). */
  readonly augment: boolean;
  /**
   * Memorization estimate: the plain control trains ≈ 2× faster than ResNet-10 (measured), so
   * 16 subset models fit the budget; `arch: 'resnet10'` is the more faithful, ≈ 1.7× costlier choice.
   */
  readonly memorization: {
    readonly arch: ArchitectureName;
    readonly width: number;
    readonly models: number;
    readonly subsetFraction: number;
    readonly epochs: number;
  };
  /** Worker threads for the trainings (one wasm instance each). */
  readonly workers: number;
}

/** Recommended demo settings for 2 CPU cores on wasm (≈ 15-minute whole demo budget). */
export const demoConfig: DemoConfig = Object.freeze({
  dataset: 'fashion-mnist',
  trainSize: 2000,
  testSize: 1000,
  seed: 0,
  architectures: Object.freeze(['resnet18', 'resnet10', 'plain'] as const),
  width: 8,
  epochs: 4,
  batchSize: 32,
  augment: false,
  memorization: Object.freeze({ arch: 'plain', width: 8, models: 12, subsetFraction: 0.7, epochs: 4 }),
  workers: 2,
});
