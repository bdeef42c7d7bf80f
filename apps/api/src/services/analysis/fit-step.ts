/**
 * Runs one DP-GMM fit of an analysis ("step", e.g. `stage4/main`) so that it
 * can be interrupted and resumed: sampler checkpoints go to the artifact store
 * and the run's checkpoint document; a finished step's predictive file and
 * summary are stored once and reused on resume. Results always come back
 * through their stored JSON, so a resumed run computes from exactly the same
 * numbers as an uninterrupted one.
 */
import { parsePredictive, formatPredictive, type PredictiveModel } from '@classfit/core/density';
import { fitClassDensities, type ClassData, type FitCheckpoint, type FitOptionsInput, type FitProgress } from '@classfit/core/dpgmm';
import { setRunCheckpoint, type ArtifactStore, type Db } from '@classfit/db';
import { CancelledError } from '../errors.ts';
import { getJson, putJson, type RunCheckpoint } from './run-checkpoint.ts';

/** Per-class convergence summary of a fit (chain 0's per-sweep series). */
export interface FitSummary {
  readonly classes: readonly {
    readonly label: number;
    readonly n: number;
    readonly clusterCounts: number[];
    readonly logLikelihoods: number[];
    readonly alphas: number[];
    readonly rHat: number | null;
  }[];
}

/** A finished step, as read back from the store. */
export interface StepResult {
  readonly predictive: PredictiveModel;
  readonly summary: FitSummary;
  readonly predictiveArtifact: string;
  readonly ms: number;
}

/** What the step runner needs from its run. */
export interface StepRunnerOptions {
  readonly db: Db;
  readonly artifacts: ArtifactStore;
  readonly runId: number;
  readonly checkpoint: RunCheckpoint;
  /** Artifact key `checkpoint` was loaded from (replaced documents are deleted). */
  readonly checkpointKey?: string | null;
  readonly checkpointEverySweeps: number;
  readonly workers?: number;
  readonly signal?: AbortSignal;
  readonly onSweep?: (step: string, progress: FitProgress) => void;
}

/** Runs fit steps of one run, keeping the run checkpoint current. */
export function createStepRunner(options: StepRunnerOptions) {
  let state = options.checkpoint;
  let stateKey = options.checkpointKey ?? null;
  const save = async (next: RunCheckpoint): Promise<void> => {
    const key = await putJson(options.artifacts, next);
    await setRunCheckpoint(options.db, options.runId, key);
    if (stateKey && stateKey !== key) await options.artifacts.remove(stateKey);
    state = next;
    stateKey = key;
  };

  return {
    /** Fits `classes` (or reuses the stored result of `step`). `projection` is stored with the predictive file. */
    async run(step: string, classes: ClassData[], fit: Partial<FitOptionsInput>, projection?: PredictiveModel['projection']): Promise<StepResult> {
      const done = state.steps[step];
      if (done) return readStep(options.artifacts, done.predictive, done.summary, done.ms);
      // Artifacts are shared by content, so a checkpoint may have been collected; then the step starts over.
      const saved = state.current?.step === step && (await options.artifacts.has(state.current.fit)) ? state.current.fit : undefined;
      const resumeFrom = saved ? await getJson<FitCheckpoint>(options.artifacts, saved) : undefined;
      const started = performance.now();
      let result;
      try {
        result = await fitClassDensities(classes, { ...fit, ...(options.workers ? { workers: options.workers } : {}) }, {
          signal: options.signal,
          resumeFrom,
          checkpointEverySweeps: options.checkpointEverySweeps,
          onProgress: (p) => options.onSweep?.(step, p),
          onCheckpoint: async (cp) => {
            const previous = state.current?.fit;
            const fitKey = await putJson(options.artifacts, cp);
            await save({ ...state, current: { step, fit: fitKey } });
            if (previous && previous !== fitKey) await options.artifacts.remove(previous);
          },
        });
      } catch (error) {
        if ((error as Error)?.name === 'AbortError') throw new CancelledError(`analysis interrupted during ${step}; it resumes from the last checkpoint`);
        throw error;
      }
      const ms = performance.now() - started;
      const predictiveKey = await options.artifacts.put(new TextEncoder().encode(formatPredictive({ ...result.predictive, projection })), 'json');
      const summary: FitSummary = {
        classes: result.classes.map((c) => ({
          label: c.label,
          n: c.n,
          clusterCounts: c.diagnostics.clusterCounts[0],
          logLikelihoods: c.diagnostics.logLikelihoods[0],
          alphas: c.diagnostics.alphas[0],
          rHat: c.diagnostics.rHat,
        })),
      };
      const summaryKey = await putJson(options.artifacts, summary);
      const previous = state.current?.fit;
      await save({ ...state, steps: { ...state.steps, [step]: { predictive: predictiveKey, summary: summaryKey, ms } }, current: undefined });
      if (previous) await options.artifacts.remove(previous);
      return readStep(options.artifacts, predictiveKey, summaryKey, ms);
    },
  };
}

/** The step runner type. */
export type StepRunner = ReturnType<typeof createStepRunner>;

async function readStep(artifacts: ArtifactStore, predictiveKey: string, summaryKey: string, ms: number): Promise<StepResult> {
  const predictive = parsePredictive(await getJson<unknown>(artifacts, predictiveKey), predictiveKey);
  return { predictive, summary: await getJson<FitSummary>(artifacts, summaryKey), predictiveArtifact: predictiveKey, ms };
}
