/**
 * Runs the layer steps of the registry (steps/index.ts) on one layer, in order,
 * each reading what earlier ones left in the layer's draft (steps/layer-draft.ts),
 * and returns the layer's results. Pure computation: storing is store-results.ts.
 */
import type { AnalysisOptions } from '../analysis-options.ts';
import type { StepRunner } from './fit-step.ts';
import type { LayerInput } from './layer-input.ts';
import { LAYER_STEPS } from './steps/index.ts';
import { layerResults, type LayerDraft, type LayerResults, type RunData } from './steps/layer-draft.ts';

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
  for (const step of LAYER_STEPS) await step.run(ctx, draft);
  return layerResults(draft);
}
