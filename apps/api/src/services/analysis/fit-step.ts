/**
 * Runs one DP-GMM fit of an analysis ("step", e.g. `stage4/main`) so that it
 * can be interrupted and resumed: sampler checkpoints go to the artifact store
 * and the run's checkpoint document; a finished step's predictive mixtures
 * (binary `.npz`, `classfit.predictive-arrays/v1`) and
 * summary are stored once and reused on resume. Results always come back
 * through their stored JSON, so a resumed run computes from exactly the same
 * numbers as an uninterrupted one.
 */
import { predictiveArrayPieces, readPredictiveFile, type PredictiveModel } from '@classfit/core/density';
import { fitClassDensities, parseFitOptions, type ClassData, type FitCheckpoint, type FitHooks, type FitOptionsInput, type FitProgress, releaseMemory } from '@classfit/core/dpgmm';
import { setRunCheckpoint, type ArtifactStore, type Db, type SweepSeries } from '@classfit/db';
import { CancelledError } from '../errors.ts';
import { getJson, putJson, type RunCheckpoint } from './run-checkpoint.ts';

/**
 * Per-class convergence summary of a fit: per-sweep series of every chain ([chains][sweeps]; summaries stored
 * before multi-chain runs hold chain 0's as one series) and the R-hats.
 */
export interface FitSummary {
  readonly classes: readonly {
    readonly label: number;
    readonly n: number;
    readonly clusterCounts: SweepSeries;
    readonly logLikelihoods: SweepSeries;
    readonly alphas: SweepSeries;
    readonly rHat: number | null;
    /** Absent in summaries stored before it was computed. */
    readonly clusterCountRHat?: number | null;
    /** Each chain's partition (label per point, in the class's row order) and α after the last sweep; absent in older summaries. */
    readonly finalStates?: readonly { readonly assignments: readonly number[]; readonly alpha: number }[];
  }[];
}

/** A finished step, as read back from the store. */
export interface StepResult {
  readonly predictive: PredictiveModel;
  readonly summary: FitSummary;
  readonly predictiveArtifact: string;
  readonly ms: number;
}

/**
 * A fit's sampler checkpoints are taken at most this often (its first boundary always takes one): at d = 64 each is
 * megabytes of JSON, and a 10-class fit reaches a boundary (every `checkpointEverySweeps` sweeps) every second or so.
 * An interruption loses at most this much sampling.
 */
export const CHECKPOINT_MIN_INTERVAL_MS = 10_000;

/** What the step runner needs from its run. */
export interface StepRunnerOptions {
  readonly db: Db;
  readonly artifacts: ArtifactStore;
  readonly runId: number;
  readonly checkpoint: RunCheckpoint;
  /** Artifact key `checkpoint` was loaded from (replaced documents are deleted). */
  readonly checkpointKey?: string | null;
  /** Records the key of the new checkpoint document (default: the run's `checkpoint_artifact`; a layer job: its layer row). */
  readonly recordCheckpoint?: (key: string) => Promise<void>;
  readonly checkpointEverySweeps: number;
  /** Least time between two sampler checkpoints of a fit (default {@link CHECKPOINT_MIN_INTERVAL_MS}). */
  readonly checkpointMinIntervalMs?: number;
  readonly workers?: number;
  /** Sampler threads shared by the run's fits (the caller disposes it); default: each fit starts its own. */
  readonly workerPool?: FitHooks['workerPool'];
  readonly signal?: AbortSignal;
  readonly onSweep?: (step: string, progress: FitProgress) => void;
}

/** The {@link StepRunner} of one run. */
export function createStepRunner(options: StepRunnerOptions): StepRunner {
  let state = options.checkpoint;
  let stateKey = options.checkpointKey ?? null;
  const save = async (next: RunCheckpoint): Promise<void> => {
    const key = await putJson(options.artifacts, next);
    await (options.recordCheckpoint ? options.recordCheckpoint(key) : setRunCheckpoint(options.db, options.runId, key));
    if (stateKey && stateKey !== key) await options.artifacts.remove(stateKey);
    state = next;
    stateKey = key;
  };

  /** Runs the sampler for `step` and stores its predictive mixtures and summary; returns their keys. */
  async function fitAndStore(
    step: string,
    classes: ClassData[],
    fit: Partial<FitOptionsInput>,
    start: Pick<FitHooks, 'resumeFrom' | 'startFrom'>,
    projection: PredictiveModel['projection'],
    holdResults: ResultHold | undefined,
  ): Promise<{ predictiveKey: string; summaryKey: string }> {
    const fitInput = { ...fit, ...(options.workers ? { workers: options.workers } : {}) };
    // The next run of sweeps (up to the next checkpoint) would keep traces: the fit's result starts to fill memory.
    const { burnIn } = parseFitOptions(fitInput);
    const keepsFrom = (sweep: number) => sweep + options.checkpointEverySweeps > burnIn;
    if (holdResults && keepsFrom(start.resumeFrom ? Math.min(...start.resumeFrom.chains.map((c) => c.sweep)) : 0)) await holdResults();
    let result;
    try {
      result = await fitClassDensities(classes, fitInput, {
        signal: options.signal,
        ...start,
        dropTraceFactors: true, // only the mixtures and the diagnostics are stored
        workerPool: options.workerPool,
        checkpointEverySweeps: options.checkpointEverySweeps,
        checkpointMinIntervalMs: options.checkpointMinIntervalMs ?? CHECKPOINT_MIN_INTERVAL_MS,
        onProgress: (p) => options.onSweep?.(step, p),
        onCheckpoint: async (cp) => {
          const previous = state.current?.fit;
          const fitKey = await putJson(options.artifacts, cp);
          await save({ ...state, current: { step, fit: fitKey } });
          if (previous && previous !== fitKey) await options.artifacts.remove(previous);
        },
        onBoundary: async (sweep) => {
          // The workers wait here (between runs of sweeps) until the hold is lifted: results never depend on timing.
          if (holdResults && keepsFrom(sweep)) await holdResults();
        },
      });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw new CancelledError(`analysis interrupted during ${step}; it resumes from the last checkpoint`);
      throw error;
    }
    // The binary form (classfit.predictive-arrays/v1), streamed into the store: no size ceiling at paper scale.
    const predictiveKey = await options.artifacts.putPieces(predictiveArrayPieces({ ...result.predictive, projection }), 'npz');
    const summary: FitSummary = {
      classes: result.classes.map((c) => ({
        label: c.label,
        n: c.n,
        clusterCounts: c.diagnostics.clusterCounts,
        logLikelihoods: c.diagnostics.logLikelihoods,
        alphas: c.diagnostics.alphas,
        rHat: storableRHat(c.diagnostics.rHat),
        clusterCountRHat: storableRHat(c.diagnostics.clusterCountRHat),
        finalStates: c.finalStates.map((f) => ({ assignments: Array.from(f.assignments), alpha: f.alpha })),
      })),
    };
    const summaryKey = await putJson(options.artifacts, summary);
    return { predictiveKey, summaryKey };
  }

  /** Fits `classes` (or reuses the stored result of `step`). `projection` is stored with the predictive file. */
  async function run(
    holdResults: ResultHold | undefined,
    step: string,
    classes: ClassData[],
    fit: Partial<FitOptionsInput>,
    projection?: PredictiveModel['projection'],
    startFrom?: FitHooks['startFrom'],
  ): Promise<StepResult> {
    const done = state.steps[step];
    if (done) {
      await holdResults?.();
      return readStep(options.artifacts, done.predictive, done.summary, done.ms);
    }
    // Artifacts are shared by content, so a checkpoint may have been collected; then the step starts over.
    const saved = state.current?.step === step && (await options.artifacts.has(state.current.fit)) ? state.current.fit : undefined;
    const resumeFrom = saved ? await getJson<FitCheckpoint>(options.artifacts, saved) : undefined;
    const started = performance.now();
    releaseMemory(); // what earlier steps let go of, before the workers start beside it
    // The sampler's result (every kept trace's factors plus the predictive mixtures) is dropped once stored:
    // the step's result is read back from the store, so only one copy of the mixtures stays in memory.
    const { predictiveKey, summaryKey } = await fitAndStore(step, classes, fit, { resumeFrom, startFrom }, projection, holdResults);
    const ms = performance.now() - started;
    const previous = state.current?.fit;
    await save({ ...state, steps: { ...state.steps, [step]: { predictive: predictiveKey, summary: summaryKey, ms } }, current: undefined });
    if (previous) await options.artifacts.remove(previous);
    releaseMemory(); // the sampler's traces and mixtures, before the stored copy is read back
    return readStep(options.artifacts, predictiveKey, summaryKey, ms);
  }

  const runner = (holdResults: ResultHold | undefined): StepRunner => ({
    run: (...args) => run(holdResults, ...args),
    holdingResults: (hold) => runner(holdResults ? async () => { await holdResults(); await hold(); } : hold),
  });
  return runner(undefined);
}

/** Resolves when a fit may bring its result into memory (see {@link StepRunner.holdingResults}). */
export type ResultHold = () => Promise<void>;

/** Runs fit steps of one run (one at a time), keeping the run checkpoint current. */
export interface StepRunner {
  /** Fits `classes` as step `step` (or reuses its stored result). `projection` is stored with the predictive file. */
  run(step: string, classes: ClassData[], fit: Partial<FitOptionsInput>, projection?: PredictiveModel['projection'], startFrom?: FitHooks['startFrom']): Promise<StepResult>;
  /**
   * The same runner, whose fits also wait for `hold` (after this runner's own holds) before their result fills memory:
   * before the first run of sweeps that keeps traces (the workers pause at a boundary), or before a stored result is
   * read back.
   */
  holdingResults(hold: ResultHold): StepRunner;
}

/**
 * R-hat as stored (JSON, GraphQL Float): capped at {@link R_HAT_CAP}. Chains that each keep one constant but
 * different value (e.g. 3 clusters in one chain, 4 in the other) have an infinite R-hat, which JSON cannot hold;
 * anything above ~1.1 already says the chains have not mixed.
 */
function storableRHat(value: number | null): number | null {
  return value === null ? null : Math.min(value, R_HAT_CAP);
}

/** The largest R-hat stored; larger values (including ∞) are stored as this. */
export const R_HAT_CAP = 1e6;


async function readStep(artifacts: ArtifactStore, predictiveKey: string, summaryKey: string, ms: number): Promise<StepResult> {
  // `.npz` since the binary form; checkpoints of older runs name `classfit.predictive/v1` JSON, read alike.
  const predictive = await readPredictiveFile(artifacts.path(predictiveKey));
  return { predictive, summary: await getJson<FitSummary>(artifacts, summaryKey), predictiveArtifact: predictiveKey, ms };
}
