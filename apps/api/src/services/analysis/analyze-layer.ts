/**
 * Runs the layer steps of the registry (steps/index.ts) on one layer, in order,
 * each reading what earlier ones left in the layer's draft (steps/layer-draft.ts),
 * and returns the layer's results. Pure computation: storing is store-results.ts.
 */
import type { AnalysisOptions } from '../analysis-options.ts';
import type { StepRunner } from './fit-step.ts';
import type { LayerInput } from './layer-input.ts';
import { releaseMemory } from './release-memory.ts';
import { LAYER_STEPS } from './steps/index.ts';
import { layerResults, type DraftModel, type LayerDraft, type LayerResults, type RunData } from './steps/layer-draft.ts';

export type { LayerResults, RunData } from './steps/layer-draft.ts';

/** Runs every layer step on one layer. `progress(phase)` names what runs now. */
export async function analyzeLayer(
  input: LayerInput,
  data: RunData,
  options: AnalysisOptions,
  fits: StepRunner,
  progress: (phase: string) => void,
): Promise<LayerResults> {
  const draft: LayerDraft = { input };
  const ctx = { input, data, options, fits, progress, layerStream: input.layer.index * 1_000_000 };
  for (const [i, step] of LAYER_STEPS.entries()) {
    await step.run(ctx, draft);
    // A layer's predictive models are its bulk (the main fit's and the genclass refit's, hundreds of MB each at
    // d = 64): each goes once no later step reads it, so the refits and the KL fits never hold them.
    for (const field of releasedAfter[i]) draft[field] = undefined;
    if (releasedAfter[i].length > 0) releaseMemory();
  }
  return layerResults(draft);
}

/** Per layer step (registry order): the draft models no later step reads. */
const releasedAfter: readonly DraftModel[][] = (() => {
  const last = new Map<DraftModel, number>();
  LAYER_STEPS.forEach((step, i) => step.reads?.forEach((field) => last.set(field, i)));
  return LAYER_STEPS.map((_, i) => [...last].filter(([, at]) => at === i).map(([field]) => field));
})();
