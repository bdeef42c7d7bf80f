import { createRng } from '../rng/index.ts';
import { checkpointOf, restoreChain, traceOf } from './chain-state.ts';
import { type ChainSettings, GibbsChain } from './collapsed-gibbs.ts';
import { CollapsedLogLikelihood } from './log-likelihood.ts';
import { niwPriorFromData } from './niw-prior.ts';
import { keptSweeps, type FitOptions } from './options.ts';
import { SubclusterChain } from './subcluster-chain.ts';
import type { ChainCheckpoint, ClassTrace } from './types.ts';

/** One (class, chain) to run: its stream is createRng(seed, unit) with unit = classIndex·chains + chain. */
export interface UnitSpec {
  readonly unit: number;
  readonly classIndex: number;
  readonly chain: number;
  /** [n, d] */
  readonly points: Float64Array;
  readonly n: number;
  readonly d: number;
  /** Where to continue from (absent: a fresh chain). */
  readonly resume?: ChainCheckpoint;
}

/** Per-sweep diagnostics of one chain, index = sweep. */
export interface ChainDiagnostics {
  clusterCounts: number[];
  logLikelihoods: number[];
  alphas: number[];
}

/** What a runner hands back after `advance`: new traces since the last report, full diagnostics. */
export interface UnitReport {
  readonly unit: number;
  readonly sweep: number;
  readonly traces: ClassTrace[];
  readonly diagnostics: ChainDiagnostics;
  readonly checkpoint?: ChainCheckpoint;
}

/** What the runner needs of a chain, whichever sampler drives it. */
interface SamplerChain {
  readonly completedSweeps: number;
  readonly clusterCount: number;
  readonly alpha: number;
  sweep(): void;
  /** Collapsed joint ln p(x, c | α) of the current partition. */
  logLikelihood(): number;
  trace(sweep: number): ClassTrace;
  checkpoint(): ChainCheckpoint;
}

/** The collapsed Gibbs chain seen as a SamplerChain. */
function collapsedChain(chain: GibbsChain): SamplerChain {
  const likelihood = new CollapsedLogLikelihood(chain.pool);
  return {
    get completedSweeps() {
      return chain.completedSweeps;
    },
    get clusterCount() {
      return chain.clusterCount;
    },
    get alpha() {
      return chain.alpha;
    },
    sweep: () => chain.sweep(),
    logLikelihood: () => likelihood.evaluate(chain.alpha),
    trace: (sweep) => traceOf(chain, sweep),
    checkpoint: () => checkpointOf(chain),
  };
}

function makeChain(spec: UnitSpec, options: FitOptions): SamplerChain {
  const prior = niwPriorFromData(spec.points, spec.n, spec.d, options);
  if (options.sampler === 'subcluster') {
    const settings = { initialClusters: options.initialClusters, alphaPrior: options.alphaPrior, variants: options.variants };
    return spec.resume
      ? SubclusterChain.restore(spec.points, spec.n, prior, settings, spec.resume)
      : SubclusterChain.initialise(spec.points, spec.n, prior, settings, createRng(options.seed, spec.unit));
  }
  const settings: ChainSettings = {
    blockSize: options.blockSize,
    initialClusters: options.initialClusters,
    alphaPrior: options.alphaPrior,
    variants: options.variants,
  };
  return collapsedChain(
    spec.resume
      ? restoreChain(spec.points, spec.n, prior, settings, spec.resume)
      : GibbsChain.initialise(spec.points, spec.n, prior, settings, createRng(options.seed, spec.unit)),
  );
}

interface Unit {
  spec: UnitSpec;
  chain: SamplerChain;
  diagnostics: ChainDiagnostics;
  pendingTraces: ClassTrace[];
}

/**
 * Advances a set of chains in lock-step, sweep by sweep (METHOD C: every class
 * does sweep s before any does s + 1). Chains are independent and each owns its
 * Rng stream, so which runner (worker) holds which chain never changes a result.
 */
export class LockstepRunner {
  private readonly units: Unit[];
  private readonly kept: Set<number>;

  constructor(specs: readonly UnitSpec[], options: FitOptions, resumeDiagnostics?: ReadonlyMap<number, ChainDiagnostics>) {
    this.kept = new Set(keptSweeps(options));
    this.units = specs.map((spec) => {
      const chain = makeChain(spec, options);
      const previous = resumeDiagnostics?.get(spec.unit);
      const diagnostics: ChainDiagnostics = previous
        ? { clusterCounts: [...previous.clusterCounts], logLikelihoods: [...previous.logLikelihoods], alphas: [...previous.alphas] }
        : { clusterCounts: [], logLikelihoods: [], alphas: [] };
      return { spec, chain, diagnostics, pendingTraces: [] };
    });
  }

  /** The lowest completed sweep over the runner's chains. */
  get sweep(): number {
    return this.units.reduce((min, u) => Math.min(min, u.chain.completedSweeps), Infinity);
  }

  /**
   * Runs sweeps until every chain has completed `untilSweep` sweeps or `shouldStop()`
   * turns true (checked between sweeps). Calls `onSweep(sweep, clusterSum)` after each.
   */
  advance(untilSweep: number, shouldStop: () => boolean, onSweep?: (sweep: number, clusterSum: number) => void): void {
    while (this.sweep < untilSweep && !shouldStop()) this.step(onSweep);
  }

  /** One lock-step: every chain at the lowest sweep does one sweep. */
  step(onSweep?: (sweep: number, clusterSum: number) => void): void {
    const s = this.sweep;
    let clusterSum = 0;
    for (const unit of this.units) {
      const { chain, diagnostics } = unit;
      if (chain.completedSweeps === s) {
        chain.sweep();
        diagnostics.clusterCounts.push(chain.clusterCount);
        diagnostics.logLikelihoods.push(chain.logLikelihood());
        diagnostics.alphas.push(chain.alpha);
        if (this.kept.has(s)) unit.pendingTraces.push(chain.trace(s));
      }
      clusterSum += chain.clusterCount;
    }
    onSweep?.(s + 1, clusterSum);
  }

  /** Reports every chain; traces are handed over once (cleared here). */
  report(withCheckpoint: boolean): UnitReport[] {
    return this.units.map((unit) => {
      const traces = unit.pendingTraces;
      unit.pendingTraces = [];
      return {
        unit: unit.spec.unit,
        sweep: unit.chain.completedSweeps,
        traces,
        diagnostics: {
          clusterCounts: [...unit.diagnostics.clusterCounts],
          logLikelihoods: [...unit.diagnostics.logLikelihoods],
          alphas: [...unit.diagnostics.alphas],
        },
        ...(withCheckpoint ? { checkpoint: unit.chain.checkpoint() } : {}),
      };
    });
  }
}
