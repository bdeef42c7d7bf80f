import type { UnitSpec } from './lockstep.ts';

/**
 * Splits units over `workers` groups, largest first onto the least-loaded group
 * (load ∝ n; ties by lower index), so groups are deterministic and balanced.
 * Results never depend on the grouping: each unit owns its Rng stream.
 * @returns `min(workers, units)` non-empty groups
 */
export function assignGroups(specs: readonly UnitSpec[], workers: number): UnitSpec[][] {
  const count = Math.max(1, Math.min(workers, specs.length));
  const groups: UnitSpec[][] = Array.from({ length: count }, () => []);
  const load = new Array<number>(count).fill(0);
  const order = [...specs].sort((a, b) => b.n - a.n || a.unit - b.unit);
  for (const spec of order) {
    let best = 0;
    for (let g = 1; g < count; g++) if (load[g] < load[best]) best = g;
    groups[best].push(spec);
    load[best] += spec.n;
  }
  for (const group of groups) group.sort((a, b) => a.unit - b.unit);
  return groups;
}
