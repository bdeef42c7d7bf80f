/**
 * Runs the layer steps of the registry (steps/index.ts) on one layer, as layer-schedule.ts schedules them (the main
 * fit, then the fit lane beside the scoring lane), each reading what earlier ones left in the layer's draft
 * (steps/layer-draft.ts), and returns the layer's results. Pure computation: storing is store-results.ts.
 */
import { releaseMemory } from '@classfit/core/dpgmm';
import type { AnalysisOptions } from '../analysis-options.ts';
import type { StepRunner } from './fit-step.ts';
import type { LayerInput } from './layer-input.ts';
import { layerSchedule, type LayerScheduleKind } from './layer-schedule.ts';
import { LAYER_STEPS, type LayerStep } from './steps/index.ts';
import { layerResults, type DraftModel, type LayerDraft, type LayerResults, type RunData } from './steps/layer-draft.ts';

export type { LayerResults, RunData } from './steps/layer-draft.ts';

const SCHEDULES = { lanes: layerSchedule(LAYER_STEPS, 'lanes'), sequential: layerSchedule(LAYER_STEPS, 'sequential') };

/** The steps that read each draft model ({@link LayerStep.reads}). */
const MODEL_READERS: ReadonlyMap<DraftModel, readonly string[]> = (() => {
  const readers = new Map<DraftModel, string[]>();
  for (const step of LAYER_STEPS) for (const model of step.reads ?? []) readers.set(model, [...(readers.get(model) ?? []), step.name]);
  return readers;
})();

/** Runs every layer step on one layer. `progress(phase)` names the phase a step (of either lane) started last. */
export async function analyzeLayer(
  input: LayerInput,
  data: RunData,
  options: AnalysisOptions,
  fits: StepRunner,
  progress: (phase: string) => void,
  schedule: LayerScheduleKind = 'lanes',
): Promise<LayerResults> {
  const draft: LayerDraft = { input };
  const ctx = { input, data, options, fits, progress, layerStream: input.layer.index * 1_000_000 };
  const models = modelLifetimes(draft);
  const { prefix, lanes } = SCHEDULES[schedule];
  for (const step of prefix) {
    await step.run(ctx, draft);
    models.done([step]);
  }
  let failed = false;
  const settled = await Promise.allSettled(lanes.map(async (lane) => {
    const hold = async () => {
      await models.released(lane.waitsFor);
      if (failed) throw new Error('analysis: another lane of this layer failed');
    };
    const laneCtx = { ...ctx, fits: lane.waitsFor.length > 0 ? fits.holdingResults(hold) : fits };
    try {
      for (const step of lane.steps) {
        await step.run(laneCtx, draft);
        models.done([step]);
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      models.done(lane.steps); // a failed lane's models go, so that no other lane waits for them
    }
  }));
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
  return layerResults(draft);
}

/**
 * A layer's predictive models are its bulk (the main fit's and the genclass refit's, hundreds of MB each at d = 64):
 * each goes once every step that reads it ({@link LayerStep.reads}) has finished, so the refits and the KL fits never
 * hold them, and a lane's fits can wait for another lane's models to go.
 */
function modelLifetimes(draft: LayerDraft) {
  const readers = new Map([...MODEL_READERS].map(([model, steps]) => [model, new Set(steps)]));
  const gone = new Map([...readers.keys()].map((model) => {
    let resolve!: () => void;
    return [model, { promise: new Promise<void>((r) => (resolve = r)), resolve }] as const;
  }));
  return {
    /** The steps have finished (or will never run): models no step left reads go. */
    done(steps: readonly LayerStep[]): void {
      const released = [...readers].filter(([, left]) => {
        const before = left.size;
        for (const step of steps) left.delete(step.name);
        return before > 0 && left.size === 0;
      }).map(([model]) => model);
      if (released.length === 0) return;
      for (const model of released) draft[model] = undefined;
      releaseMemory();
      for (const model of released) gone.get(model)!.resolve();
    },
    released: (models: readonly DraftModel[]) => Promise.all(models.map((m) => gone.get(m)?.promise)).then(() => undefined),
  };
}
