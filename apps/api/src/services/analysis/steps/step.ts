/**
 * The shape of one analysis step (issue 12 §3): a module that declares what it
 * reads (other steps, options), what it writes (tables, artifacts) and its level,
 * and does its work on a layer's (or a model's) shared draft. The registry
 * (`index.ts`) lists the steps in run order; the pipeline, the progress phases,
 * `classfit report` and GraphQL `FitRun.analyses` all read it.
 */
import type { Tx } from '@classfit/db';
import type { AnalysisOptions } from '../../analysis-options.ts';
import type { StepRunner } from '../fit-step.ts';
import type { LayerInput } from '../layer-input.ts';
import type { DraftModel, LayerDraft, LayerResults, RunData } from './layer-draft.ts';

/** A layer's results as stored: with the key of its stored SVD projection. */
export type StoredLayer = LayerResults & { readonly projectionArtifact: string };

/** What a step declares about itself (data, read without running anything). */
export interface StepDeclaration {
  /** Unique, kebab-case; also the key in `FitRun.analyses`. */
  readonly name: string;
  /** One line for people (report, dashboard). */
  readonly title: string;
  /** `layer`: runs once per analysed layer; `model`: once per run, over all layers. */
  readonly level: 'layer' | 'model';
  /** Steps whose outputs it reads (must come earlier in the registry). */
  readonly needs: readonly string[];
  /** Analysis options it reads. */
  readonly options: readonly (keyof AnalysisOptions)[];
  /** Tables (or `table.column` groups) it writes. */
  readonly tables: readonly string[];
  /** Artifacts it writes. */
  readonly artifacts: readonly string[];
  /** Progress phase it announces while it runs (null: none of its own). */
  readonly phase: string | null;
  /** Whether it does any work under `options` (e.g. KL with no subsets does not). */
  enabled(options: AnalysisOptions): boolean;
}

/** What a layer step gets. */
export interface LayerStepContext {
  readonly input: LayerInput;
  readonly data: RunData;
  readonly options: AnalysisOptions;
  /** Runs resumable sampler fits. */
  readonly fits: StepRunner;
  /** Announces a progress phase. */
  progress(phase: string): void;
  /** Base of the layer's RNG streams: layer index × 10⁶ (+ purpose × 10⁴ + item), unchanged since the one-function pipeline. */
  readonly layerStream: number;
}

/** Where a step stores its outputs. */
export interface StoreContext {
  readonly tx: Tx;
  readonly runId: number;
  /** Example row id of selected row i. */
  readonly exampleIds: Int32Array;
}

/** A step run once per layer. */
export interface LayerStep extends StepDeclaration {
  readonly level: 'layer';
  /**
   * The draft's predictive models it reads (the bulk of a layer's memory: at d = 64 each is hundreds of MB):
   * analyze-layer.ts drops each model after the last step that declares reading it.
   */
  readonly reads?: readonly DraftModel[];
  /** The draft models it puts in the draft (their lifetime: until the last step that reads them). */
  readonly makes?: readonly DraftModel[];
  /**
   * Whether it runs sampler fits (`ctx.fits`): the sampler's workers and the run checkpoint take one fit at a time,
   * so the schedule (layer-schedule.ts) keeps every such step in one lane, in registry order.
   */
  readonly runsFits?: boolean;
  run(ctx: LayerStepContext, draft: LayerDraft): Promise<void>;
  /** Writes this step's tables for one layer (in the run's one transaction). */
  store?(ctx: StoreContext, layer: StoredLayer): Promise<void>;
}

/** What a model step gets: every layer's finished results. */
export interface ModelStepContext {
  readonly data: RunData;
  readonly options: AnalysisOptions;
  /** Every analysed layer's input (reduced points of the selected rows), in run order. */
  readonly layers: readonly ModelStepLayer[];
  progress(phase: string): void;
}

/** What a model step reads of a layer: its input (a layer job's summary reloads it; the in-process run has its results). */
export type ModelStepLayer = Pick<LayerResults, 'input'>;

/** A step run once per run, after every layer. Its result is kept under its name until stored. */
export interface ModelStep<R = unknown> extends StepDeclaration {
  readonly level: 'model';
  run(ctx: ModelStepContext): Promise<R>;
  store?(ctx: StoreContext, result: R): Promise<void>;
}

export type AnalysisStep = LayerStep | ModelStep;
