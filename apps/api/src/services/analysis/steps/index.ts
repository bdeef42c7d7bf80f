/**
 * THE registry of analyses, in run order: every layer step runs once per layer
 * (in this order), then every model step once per run. The pipeline
 * (analyze-layer.ts, analyze-model.ts), the stored tables (store-results.ts), the
 * progress phases, `classfit report` and GraphQL `FitRun.analyses` read this list.
 * Adding an analysis: one core function, one step module here, its table/query,
 * a resolver and a chart.
 */
import { betweenChainsStep } from './between-chains.ts';
import { binsStep } from './bins.ts';
import { distancesStep } from './distances.ts';
import { fitStep } from './fit.ts';
import { genclassStep } from './genclass.ts';
import { groupEvidenceStep } from './group-evidence.ts';
import { groupsStep } from './groups.ts';
import { heldOutDensitiesStep } from './held-out-densities.ts';
import { klStep } from './kl.ts';
import { layerSimilarityStep } from './layer-similarity.ts';
import { ownDensitiesStep } from './own-densities.ts';
import { relativeEntropyStep } from './relative-entropy.ts';
import type { AnalysisStep, LayerStep, ModelStep, StepDeclaration } from './step.ts';

/** Steps run once per layer, in order. */
export const LAYER_STEPS: readonly LayerStep[] = [
  fitStep, ownDensitiesStep, groupsStep, relativeEntropyStep, betweenChainsStep, groupEvidenceStep, distancesStep, binsStep, genclassStep, heldOutDensitiesStep, klStep,
];

/** Steps run once per run over all layers, in order. */
export const MODEL_STEPS: readonly ModelStep[] = [layerSimilarityStep as ModelStep];

/** Every step: layer steps, then model steps. */
export const ANALYSIS_STEPS: readonly AnalysisStep[] = [...LAYER_STEPS, ...MODEL_STEPS];

/** Progress phases of a run in order: load, svd, each step's own, store. */
export const RUN_PHASES: readonly string[] = ['load', 'svd', ...ANALYSIS_STEPS.flatMap((s) => (s.phase ? [s.phase] : [])), 'store'];

/** The declarations alone (what `FitRun.analyses` and `classfit report` list). */
export function stepDeclarations(): StepDeclaration[] {
  return ANALYSIS_STEPS.map(({ name, title, level, needs, options, tables, artifacts, phase, enabled }) => ({ name, title, level, needs, options, tables, artifacts, phase, enabled }));
}

export type { AnalysisStep, LayerStep, ModelStep, ModelStepLayer, StepDeclaration } from './step.ts';
