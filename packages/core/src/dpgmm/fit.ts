import type { PredictiveModel } from '../density/predictive-model.ts';
import { InvalidArgumentError } from '../errors/index.ts';
import { createRng, type Rng } from '../rng/index.ts';
import { InProcessBackend, type RunnerBackend, WorkerBackend } from './backends.ts';
import { checkResumable, decodeChain, encodeChain, type FitCheckpoint } from './checkpoint.ts';
import { traceFromAssignments } from './chain-state.ts';
import type { ChainDiagnostics, UnitReport, UnitSpec } from './lockstep.ts';
import { niwPriorFromData, type NiwPrior } from './niw-prior.ts';
import { type FitOptions, type FitOptionsInput, keptSweeps, parseFitOptions } from './options.ts';
import { predictiveFromTraces, predictiveModel } from './predictive.ts';
import { rHat } from './r-hat.ts';
import type { ChainCheckpoint, ClassData, ClassDiagnostics, ClassTrace } from './types.ts';
import { validateClasses } from './validate-classes.ts';
import { assignGroups } from './work-groups.ts';
import { createSamplerWorkerPool, type SamplerWorkerPool } from './worker-pool.ts';

/** Progress of a running fit, reported after every lock-step sweep. */
export interface FitProgress {
  /** Sweeps completed by every chain. */
  readonly sweep: number;
  readonly totalSweeps: number;
  readonly classCount: number;
  readonly chains: number;
  /** Mean cluster count over all chains (latest sweep of each worker). */
  readonly meanClusters: number;
  readonly elapsedMs: number;
  /** Estimated time to finish; null until one sweep has run. */
  readonly etaMs: number | null;
  readonly sweepsPerSecond: number;
}

/** Optional controls of `fitClassDensities`. */
export interface FitHooks {
  onProgress?(progress: FitProgress): void;
  /** Aborting ends the fit after the current sweep: a final checkpoint is emitted, then the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** Continue a fit from a checkpoint (same data and options; results identical to an uninterrupted run). */
  resumeFrom?: FitCheckpoint;
  onCheckpoint?(checkpoint: FitCheckpoint): void | Promise<void>;
  /** Sweeps between boundaries (where checkpoints may be taken) when `onCheckpoint` or `onBoundary` is given (default 50). */
  checkpointEverySweeps?: number;
  /**
   * Least time between two checkpoints, in ms (default 0: one at every boundary). A boundary sooner than this after
   * the fit's last checkpoint takes none: the workers report no chain state and `onCheckpoint` is not called. Each
   * checkpoint re-encodes every chain's cluster factors (megabytes at d = 64), so a boundary every few sweeps would
   * spend more time on checkpoints than an interruption could lose. The first boundary always checkpoints; an abort
   * between checkpoints emits none (the last one stands and resumes to the same result).
   */
  checkpointMinIntervalMs?: number;
  /** Called at every boundary, after its checkpoint if one was taken, with the slowest chain's completed sweeps; the fit waits for it. */
  onBoundary?(sweep: number): void | Promise<void>;
  /**
   * Warm start (collapsed sampler only): per unit u = class·chains + chain, a partition of that class's points
   * to start from instead of METHOD B.6's random K0 clusters — e.g. another fit's final state restricted to
   * these points. Cluster statistics are rebuilt from these points alone (B.3); the chain's RNG stream is the
   * one a fresh start would use. Units without an entry, and units resumed from `resumeFrom`, start as usual.
   */
  startFrom?: readonly (ChainStart | undefined)[];
  /**
   * Drop the kept traces' cluster parameters (`means`, `cholPsi` become empty) once the predictive mixtures are built
   * from them: for callers that only need `predictive` and the diagnostics. At d = 64 these are as large as the
   * mixtures themselves (one 64×64 factor per cluster per trace). Default false.
   */
  dropTraceFactors?: boolean;
  /**
   * Worker threads to run on, shared with other fits (the caller disposes it): saves each fit the threads'
   * start-up. Results are the same with or without it. Default: threads of the fit's own, ended with it.
   */
  workerPool?: SamplerWorkerPool;
}

/** A chain's state to continue from: cluster label (≥ 0; empty labels are dropped) per point, and α. */
export interface ChainStart {
  readonly assignments: Int32Array;
  readonly alpha: number;
}

/** One class's fit. */
export interface FitClassResult {
  readonly label: number;
  readonly name: string;
  readonly n: number;
  /** Kept traces, chain-major: chain 0's sweeps burnIn, burnIn+thin, …, then chain 1's. */
  readonly traces: readonly ClassTrace[];
  readonly diagnostics: ClassDiagnostics;
  /** Each chain's state after its last sweep (a {@link FitHooks.startFrom} entry for a related fit). */
  readonly finalStates: readonly ChainStart[];
}

/** A fitted layer (frozen). */
export interface FitResult {
  readonly options: FitOptions;
  readonly dim: number;
  readonly classes: readonly FitClassResult[];
  readonly predictive: PredictiveModel;
  /** Wall time of this call, and per lock-step sweep of the whole layer. */
  readonly timingsMs: { readonly total: number; readonly perSweep: number };
}

/**
 * Fits one DP-GMM per class with the block collapsed Gibbs sampler (METHOD B, C) or, with
 * `sampler: 'subcluster'`, Chang & Fisher's sub-cluster split/merge sampler (same model and prior),
 * all classes (and chains) in lock-step, spread over worker threads.
 * @param classes the layer's classes, each [n ≥ 2, d] finite, one d for all
 * @param options FitOptions (paper-parity defaults, `options.ts`)
 * @throws InvalidArgumentError for bad input; rejects with an AbortError when aborted
 */
export async function fitClassDensities(
  classes: readonly ClassData[],
  options?: Partial<FitOptionsInput>,
  hooks: FitHooks = {},
): Promise<FitResult> {
  const started = performance.now();
  const dim = validateClasses(classes);
  const parsed = parseFitOptions(options);
  const unitCount = classes.length * parsed.chains;
  const resolved: FitOptions = { ...parsed, workers: Math.min(parsed.workers, unitCount) };
  const every = hooks.checkpointEverySweeps ?? 50;
  if (!Number.isInteger(every) || every < 1) throw new InvalidArgumentError('hooks.checkpointEverySweeps', `must be an integer ≥ 1, got ${every}`);
  const minInterval = hooks.checkpointMinIntervalMs ?? 0;
  if (!(minInterval >= 0)) throw new InvalidArgumentError('hooks.checkpointMinIntervalMs', `must be a number ≥ 0, got ${minInterval}`);
  const hasBoundaries = hooks.onCheckpoint !== undefined || hooks.onBoundary !== undefined;
  if (hooks.resumeFrom !== undefined) checkResumable(hooks.resumeFrom, resolved, dim, classes);
  if (hooks.startFrom !== undefined && resolved.sampler === 'subcluster') {
    throw new InvalidArgumentError('hooks.startFrom', 'warm starts need the collapsed sampler (the sub-cluster sampler also needs sub-cluster sides)');
  }
  const priors = classes.map((c) => niwPriorFromData(c.points, c.n, dim, resolved));

  const traces: ClassTrace[][] = [];
  const diagnostics = new Map<number, ChainDiagnostics>();
  const states: (ChainCheckpoint | undefined)[] = [];
  const specs: UnitSpec[] = [];
  for (let c = 0; c < classes.length; c++) {
    for (let j = 0; j < resolved.chains; j++) {
      const unit = c * resolved.chains + j;
      const saved = hooks.resumeFrom?.chains[unit];
      const start = saved ? undefined : hooks.startFrom?.[unit];
      const resume = saved ? decodeChain(saved) : start ? warmStart(start, classes[c].n, createRng(resolved.seed, unit), `hooks.startFrom[${unit}]`) : undefined;
      traces[unit] = (saved?.traces ?? []).map((t) =>
        traceFromAssignments(priors[c], classes[c].points, t.sweep, t.alpha, Int32Array.from(t.assignments), t.clusterCount),
      );
      if (saved) diagnostics.set(unit, saved.diagnostics);
      states[unit] = resume;
      specs.push({ unit, classIndex: c, chain: j, points: classes[c].points, n: classes[c].n, d: dim, ...(resume ? { resume } : {}) });
    }
  }

  const startSweep = Math.min(...specs.map((s) => s.resume?.sweep ?? 0));
  const groups = assignGroups(specs, resolved.workers);
  const workerSweeps = groups.map(() => startSweep);
  const workerClusters = groups.map(() => 0);
  let reported = startSweep;
  const onSweep = (runner: number, sweep: number, clusterSum: number): void => {
    workerSweeps[runner] = sweep;
    workerClusters[runner] = clusterSum;
    const sweepNow = Math.min(...workerSweeps);
    if (sweepNow <= reported || !hooks.onProgress) return;
    reported = sweepNow;
    const elapsedMs = performance.now() - started;
    const done = sweepNow - startSweep;
    const rate = done / (elapsedMs / 1000);
    hooks.onProgress({
      sweep: sweepNow,
      totalSweeps: resolved.iterations,
      classCount: classes.length,
      chains: resolved.chains,
      meanClusters: workerClusters.reduce((a, b) => a + b, 0) / unitCount,
      elapsedMs,
      etaMs: done > 0 ? ((resolved.iterations - sweepNow) / done) * elapsedMs : null,
      sweepsPerSecond: rate,
    });
  };
  const ownPool = groups.length > 1 && hooks.workerPool === undefined ? createSamplerWorkerPool({ workers: groups.length }) : undefined;
  const backend: RunnerBackend =
    groups.length === 1
      ? new InProcessBackend(specs, resolved, diagnostics, onSweep)
      : new WorkerBackend((hooks.workerPool ?? ownPool)!, groups, resolved, diagnostics, onSweep);

  let aborted = hooks.signal?.aborted ?? false;
  const onAbort = (): void => {
    aborted = true;
    backend.requestStop();
  };
  hooks.signal?.addEventListener('abort', onAbort, { once: true });
  if (aborted) backend.requestStop();
  const sweepOf = specs.map((s) => s.resume?.sweep ?? 0);
  const checkpoint = (): FitCheckpoint => ({
    format: 'classfit.fit-checkpoint/v1',
    options: resolved,
    dim,
    classes: classes.map((c) => ({ label: c.label, name: c.name, n: c.n })),
    chains: specs.map((s) => encodeChain(s.classIndex, s.chain, dim, states[s.unit]!, traces[s.unit], diagnostics.get(s.unit)!)),
  });
  try {
    let sweep = startSweep;
    let lastCheckpointAt = -Infinity;
    for (;;) {
      const until = hasBoundaries ? Math.min(resolved.iterations, (Math.floor(sweep / every) + 1) * every) : resolved.iterations;
      const checkpointDue = hooks.onCheckpoint !== undefined && performance.now() - lastCheckpointAt >= minInterval;
      // The last run always reports each chain's state: it is the result's `finalStates`.
      const reports: UnitReport[] = await backend.run(until, checkpointDue || until >= resolved.iterations);
      for (const r of reports) {
        traces[r.unit].push(...r.traces);
        diagnostics.set(r.unit, r.diagnostics);
        sweepOf[r.unit] = r.sweep;
        if (r.checkpoint) states[r.unit] = r.checkpoint;
      }
      sweep = Math.min(...sweepOf);
      if (aborted) {
        if (checkpointDue) await hooks.onCheckpoint!(checkpoint());
        throw new DOMException(`fit aborted after sweep ${sweep}`, 'AbortError');
      }
      if (sweep >= resolved.iterations) break;
      if (checkpointDue) {
        await hooks.onCheckpoint!(checkpoint());
        lastCheckpointAt = performance.now();
      }
      await hooks.onBoundary?.(sweep);
    }
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
    await backend.close();
    await ownPool?.dispose();
  }

  const total = performance.now() - started;
  return assemble(classes, priors, resolved, dim, traces, diagnostics, states, hooks.dropTraceFactors === true, {
    total,
    perSweep: total / Math.max(1, resolved.iterations - startSweep),
  });
}

function assemble(
  classes: readonly ClassData[],
  priors: readonly NiwPrior[],
  options: FitOptions,
  dim: number,
  traces: ClassTrace[][],
  diagnostics: Map<number, ChainDiagnostics>,
  states: readonly (ChainCheckpoint | undefined)[],
  dropFactors: boolean,
  timingsMs: FitResult['timingsMs'],
): FitResult {
  const kept = keptSweeps(options);
  const measurable = options.chains > 1 && kept.length > 1;
  const results: FitClassResult[] = [];
  const mixtures = classes.map((c, ci) => {
    const chainIds = Array.from({ length: options.chains }, (_, j) => ci * options.chains + j);
    const classTraces = chainIds.flatMap((u) => traces[u].sort((a, b) => a.sweep - b.sweep));
    const diag = chainIds.map((u) => diagnostics.get(u)!);
    const classDiagnostics: ClassDiagnostics = Object.freeze({
      clusterCounts: diag.map((x) => x.clusterCounts),
      logLikelihoods: diag.map((x) => x.logLikelihoods),
      alphas: diag.map((x) => x.alphas),
      rHat: measurable ? rHat(diag.map((x) => kept.map((s) => x.logLikelihoods[s]))) : null,
      clusterCountRHat: measurable ? rHat(diag.map((x) => kept.map((s) => x.clusterCounts[s]))) : null,
    });
    const finalStates = chainIds.map((u) => Object.freeze({ assignments: states[u]!.assignments, alpha: states[u]!.alpha }));
    const prior = priors[ci];
    const mixture = predictiveFromTraces(
      { label: c.label, name: c.name, n: c.n, prior, reference: Object.freeze({ mean: prior.mean, variance: prior.variance }) },
      classTraces,
      options.variants,
      { consume: dropFactors },
    );
    // Dropping: the mixture took over the traces' arrays (views, factors scaled in place), so the traces lose them.
    const keptTraces = dropFactors ? classTraces.map((t) => Object.freeze({ ...t, means: NO_FACTORS, cholPsi: NO_FACTORS })) : classTraces;
    if (dropFactors) for (const u of chainIds) traces[u] = [];
    results.push(Object.freeze({ label: c.label, name: c.name, n: c.n, traces: Object.freeze(keptTraces), diagnostics: classDiagnostics, finalStates: Object.freeze(finalStates) }));
    return mixture;
  });
  const predictive = predictiveModel(dim, kept.length * options.chains, options.variants.traceAveraging, mixtures);
  return Object.freeze({ options: Object.freeze(options), dim, classes: Object.freeze(results), predictive, timingsMs: Object.freeze(timingsMs) });
}

const NO_FACTORS = new Float64Array(0);

/** A sweep-0 chain state from a warm start (statistics rebuilt from the labels by `restoreChain`). */
function warmStart(start: ChainStart, n: number, rng: Rng, parameter: string): ChainCheckpoint {
  const { assignments, alpha } = start;
  if (!(assignments instanceof Int32Array) || assignments.length !== n) {
    throw new InvalidArgumentError(parameter, `needs an Int32Array of ${n} labels, got ${assignments?.length ?? 'none'}`);
  }
  if (assignments.some((a) => a < 0)) throw new InvalidArgumentError(parameter, 'labels must be ≥ 0');
  if (!(alpha > 0 && Number.isFinite(alpha))) throw new InvalidArgumentError(parameter, `alpha must be finite and > 0, got ${alpha}`);
  return { sweep: 0, alpha, assignments: assignments.slice(), permutation: Int32Array.from({ length: n }, (_, i) => i), rng: rng.state() };
}
