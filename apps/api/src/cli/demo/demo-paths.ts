/** Where the demo keeps what it computes, under `$CLASSFIT_HOME/demo/`. */
import { join } from 'node:path';
import type { ArchitectureName } from '@classfit/core/models';

export interface DemoPaths {
  readonly root: string;
  /** Trained network of one architecture (model.json + weights.bin). */
  network(arch: ArchitectureName): string;
  /** Authors'-layout folder of one architecture's stage activations. */
  layout(arch: ArchitectureName): string;
  /** Base network of the certification step: `arch` trained with Gaussian input noise σ (METHOD.md H.4). */
  noisyNetwork(arch: ArchitectureName, sigma: number): string;
  /** Memorization estimate shared by the demo networks (mem_scores.npz). */
  readonly memorization: string;
}

export function demoPaths(home: string): DemoPaths {
  const root = join(home, 'demo');
  return {
    root,
    network: (arch) => join(root, 'networks', arch),
    noisyNetwork: (arch, sigma) => join(root, 'networks', `${arch}-noise${sigma}`),
    layout: (arch) => join(root, 'layouts', arch),
    memorization: join(root, 'mem_scores.npz'),
  };
}

/** The model name the demo imports an architecture under. */
export function demoModelName(arch: ArchitectureName, width: number): string {
  return `fashion-mnist-${arch}-w${width}`;
}
