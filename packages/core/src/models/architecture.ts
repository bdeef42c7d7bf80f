import { InvalidArgumentError } from '../errors/index.ts';

/** Architectures classfit can build and train. */
export const ARCHITECTURES = ['resnet18', 'resnet10', 'plain'] as const;
export type ArchitectureName = (typeof ARCHITECTURES)[number];

/** What a network was built from; stored with its weights (model.json user metadata). */
export interface ArchitectureSpec {
  readonly arch: ArchitectureName;
  /** Stage-1 width w; stages have w, 2w, 4w, 8w channels. */
  readonly width: number;
  /** Input image shape [height, width, channels]. */
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  /** Seed of the weight initialisers. */
  readonly seed: number;
}

/** Checks a spec at the public edge; returns it frozen. */
export function validateSpec(spec: ArchitectureSpec): ArchitectureSpec {
  if (!(ARCHITECTURES as readonly string[]).includes(spec.arch)) {
    throw new InvalidArgumentError('arch', `must be ${ARCHITECTURES.join(' | ')}, got '${spec.arch}'`);
  }
  if (!Number.isInteger(spec.width) || spec.width < 1 || spec.width > 512) {
    throw new InvalidArgumentError('width', `must be an integer in [1, 512], got ${spec.width}`);
  }
  if (!Number.isInteger(spec.numClasses) || spec.numClasses < 2) {
    throw new InvalidArgumentError('numClasses', `must be an integer ≥ 2, got ${spec.numClasses}`);
  }
  if (spec.inputShape.length !== 3 || spec.inputShape.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new InvalidArgumentError('inputShape', `must be [height, width, channels] positive integers, got [${spec.inputShape}]`);
  }
  if (!Number.isInteger(spec.seed)) throw new InvalidArgumentError('seed', `must be an integer, got ${spec.seed}`);
  return Object.freeze({ ...spec, inputShape: Object.freeze([...spec.inputShape]) as unknown as [number, number, number] });
}

/** Number of conv layers of each architecture (for reporting and relative depth). */
export const CONV_DEPTH: Record<ArchitectureName, number> = { resnet18: 17, resnet10: 9, plain: 8 };
