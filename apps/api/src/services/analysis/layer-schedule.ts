/**
 * How a layer's steps are scheduled — the one place that says so. The registry (steps/index.ts) lists them in a
 * valid sequential order; from their declared `needs` and `runsFits` this derives:
 *
 * - the **prefix**: the leading steps every later step depends on (the main fit), run first, in order;
 * - two **lanes** run concurrently after it, each in registry order: the *fit lane* (every group of steps,
 *   connected through `needs`, that contains a step running sampler fits: genclass → held-out densities → KL) and
 *   the *scoring lane* (the rest: the main model's own densities … bins). While the fit lane's DP-GMM fits keep the
 *   sampler's worker threads busy, the scoring lane computes on the main thread, which otherwise waits on them.
 *
 * Results do not depend on the schedule: no step reads another lane's outputs, each step owns its RNG streams, and
 * every sampler fit is in the one fit lane, so the workers and the run checkpoint (one fit in progress) see one fit
 * at a time, in registry order. `sequential` runs the registry order as it stands (tests compare the two).
 */
import type { DraftModel } from './steps/layer-draft.ts';
import type { LayerStep } from './steps/step.ts';

/** `lanes`: the prefix, then the fit lane beside the scoring lane; `sequential`: registry order, one step at a time. */
export type LayerScheduleKind = 'lanes' | 'sequential';

/** A layer's steps as scheduled. */
export interface LayerSchedule {
  /** Run first, one after another. */
  readonly prefix: readonly LayerStep[];
  /** Run concurrently after the prefix (empty: nothing after it). */
  readonly lanes: readonly Lane[];
}

/** Steps run one after another, concurrently with the other lanes. */
export interface Lane {
  readonly steps: readonly LayerStep[];
  /**
   * The draft models, made by the prefix, that only other lanes read. A fit in this lane brings no result into
   * memory (kept traces, a stored predictive read back) until those are released: a second layer-sized model beside
   * the main one would raise the analysis' peak memory, and this lane's scoring waits for them anyway.
   */
  readonly waitsFor: readonly DraftModel[];
}

/** The schedule of `steps` (registry order). */
export function layerSchedule(steps: readonly LayerStep[], kind: LayerScheduleKind = 'lanes'): LayerSchedule {
  if (kind === 'sequential') return { prefix: steps, lanes: [] };
  const dependsOn = new Map<string, Set<string>>();
  for (const step of steps) dependsOn.set(step.name, new Set(step.needs.flatMap((need) => [need, ...(dependsOn.get(need) ?? [])])));
  let split = 0;
  while (split < steps.length && steps.slice(split + 1).every((later) => dependsOn.get(later.name)!.has(steps[split].name))) split++;
  const prefix = steps.slice(0, split);
  const rest = steps.slice(split);
  // Groups of the remaining steps connected by `needs` (union–find over names).
  const root = new Map(rest.map((s) => [s.name, s.name]));
  const find = (name: string): string => (root.get(name) === name ? name : find(root.get(name)!));
  for (const step of rest) for (const need of step.needs) if (root.has(need)) root.set(find(step.name), find(need));
  const fitGroups = new Set(rest.filter((s) => s.runsFits).map((s) => find(s.name)));
  const fitLane = rest.filter((s) => fitGroups.has(find(s.name)));
  const scoringLane = rest.filter((s) => !fitGroups.has(find(s.name)));
  const lanes = [scoringLane, fitLane].filter((lane) => lane.length > 0);
  const madeBefore = new Set(prefix.flatMap((s) => s.makes ?? []));
  return {
    prefix,
    lanes: lanes.map((lane) => ({
      steps: lane,
      waitsFor: lanes.length < 2 ? [] : [...madeBefore].filter((model) => !lane.some((s) => s.reads?.includes(model))),
    })),
  };
}
