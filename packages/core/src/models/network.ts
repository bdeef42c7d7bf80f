import type { ArchitectureSpec } from './architecture.ts';
import { buildPlainCnn } from './plain-cnn.ts';
import { buildResnet } from './resnet.ts';
import type { ClassfitNetwork } from './classfit-network.ts';

export type { ClassfitNetwork } from './classfit-network.ts';

/** Builds any architecture by name (ResNet family or the plain control). */
export function buildNetwork(spec: ArchitectureSpec): ClassfitNetwork {
  return spec.arch === 'plain' ? buildPlainCnn(spec) : buildResnet(spec);
}
