/**
 * The layer draft: what the layer steps of the registry hand each other (the
 * main fit, own-class scores, the split, …), and the finished {@link LayerResults}
 * that the steps store. A step reads another's output through {@link need}, which
 * names both when the registry's order is wrong.
 */
import type { classLogDensityStats, HeldOutDensity, largestGapSplit, MonteCarloEstimate } from '@classfit/core/analysis';
import type { PredictiveModel } from '@classfit/core/density';
import type { DensityBinStats, SweepSeries } from '@classfit/db';
import type { SubsetName } from '../../import/subset-selection.ts';
import type { LayerChainFigures } from '../chain-figures.ts';
import type { StepResult } from '../fit-step.ts';
import type { LayerInput } from '../layer-input.ts';
import type { SplitEvidence } from '../split-evidence.ts';

/** Data shared by all layers of a run. */
export interface RunData {
  /** Labels of the selected rows [n]. */
  readonly labels: Int32Array;
  /** Memorization of the selected rows, or null. */
  readonly memorization: Float64Array | null;
  readonly classNames: ReadonlyMap<number, string>;
  /** Held-out genclass subsets as positions into the selected rows. */
  readonly genclass: ReadonlyMap<SubsetName, Int32Array>;
  /** KL subsets: per-class position lists. */
  readonly kl: ReadonlyMap<SubsetName, Int32Array>;
}

/** Results of one layer, ready to store. */
export interface LayerResults {
  readonly input: LayerInput;
  readonly predictiveArtifact: string;
  readonly fitMs: number;
  readonly classCount: number;
  readonly classFits: {
    label: number; n: number; meanLogDensity: number; sdLogDensity: number; relativeEntropy: number | null; relativeEntropySe: number | null;
    meanDistance: number | null; group: 'high' | 'low' | null; clusterCountTrace: SweepSeries;
    diagnostics: { rHat: number | null; clusterCountRHat: number | null; logLikelihoods: SweepSeries; alphas: SweepSeries };
    chainMeanLogDensities: number[]; chainRelativeEntropies: number[] | null; meanLogDensityChainSd: number | null; relativeEntropyChainSd: number | null;
    groupChainAgreement: number | null;
    heldOutInSampleMeanLogDensity: number | null; heldOutMeanLogDensity: number | null; heldOutCount: number | null;
  }[];
  /** Own-class log-density [n] and predicted class [n] (or null) per selected row. */
  readonly ownLogDensity: Float64Array;
  readonly predicted: Int32Array | null;
  readonly split: ({ threshold: number; gap: number; lowCount: number; highCount: number; chainGaps: number[]; chainsAgreeing: number | null } & Nullable<SplitEvidence>) | null;
  readonly genclass: { subset: SubsetName; f1Mean: number; f1Sd: number; accuracy: number; f1PerTrace: number[]; exampleCount: number }[];
  readonly kl: { subset: SubsetName; labels: number[]; matrix: number[][]; mean: number; sd: number }[];
  readonly bins: { bin: number; stats: DensityBinStats }[];
}

type Nullable<T> = { [K in keyof T]: T[K] | null };


/** What the layer steps produce and read, filled in registry order. */
export interface LayerDraft {
  readonly input: LayerInput;
  /**
   * `fit`: the main fit (its summary, artifact and time) and, apart, its predictive model (projection dropped:
   * points are already reduced) — the model is released once the steps that read it are done.
   */
  main?: Omit<StepResult, 'predictive'>;
  model?: PredictiveModel;
  /** `own-densities`: the selected rows of fitted classes, their labels, points and own-class log-densities. */
  scored?: Int32Array;
  ownLabels?: number[];
  scoredPoints?: Float64Array;
  own?: Float64Array;
  ownLogDensity?: Float64Array;
  predicted?: Int32Array | null;
  stats?: ReturnType<typeof classLogDensityStats>;
  /** `groups`: the largest-gap split (null with fewer than two classes) and its high classes. */
  split?: ReturnType<typeof largestGapSplit> | null;
  high?: ReadonlySet<number>;
  /** `relative-entropy`, by class label. */
  entropies?: Map<number, MonteCarloEstimate>;
  /** `between-chains`. */
  chains?: LayerChainFigures;
  /** `group-evidence`. */
  evidence?: SplitEvidence | null;
  /** `distances`, by class label. */
  distances?: Map<number, number | null>;
  bins?: LayerResults['bins'];
  genclass?: LayerResults['genclass'];
  /**
   * `genclass`: the refit without the held-out examples (null when nothing was held out): its predictive model,
   * the selected rows it was trained on and the held-out rows (ascending).
   */
  refit?: { predictive: PredictiveModel; train: Int32Array; heldOut: Int32Array } | null;
  /** `held-out-densities`, by class label: only classes with held-out examples, scored under the refit. */
  heldOut?: ReadonlyMap<number, HeldOutDensity>;
  kl?: LayerResults['kl'];
}

/** The draft's predictive models: each is dropped after the last step that declares reading it ({@link LayerStep.reads}). */
export type DraftModel = 'model' | 'refit';

/** `value`, or an error naming the step that should have produced it. */
export function need<T>(value: T | undefined, what: string, producer: string): T {
  if (value === undefined) {
    throw new Error(`analysis step order: ${what} is read before step "${producer}" ran (or, for a draft model, by a step that does not declare it in \`reads\`)`);
  }
  return value;
}

const NO_EVIDENCE: Nullable<SplitEvidence> = {
  modesPValue: null, criticalBandwidth: null, modesReplicates: null, gapLow: null, gapHigh: null, sdRatio: null, sdRatioLow: null,
  sdRatioHigh: null, stability: null, bootstrapReplicates: null, intervalLevel: null,
};

/** The finished results of a layer from its draft: one class_fits row per class gathers the columns of several steps. */
export function layerResults(draft: LayerDraft): LayerResults {
  const main = need(draft.main, 'the main fit', 'fit');
  const stats = need(draft.stats, 'class stats', 'own-densities');
  const split = need(draft.split, 'the split', 'groups');
  const chains = need(draft.chains, 'chain figures', 'between-chains');
  const high = draft.high!;
  // One row per fitted class, in the fit's class order (the predictive model's, released by now).
  const classFits: LayerResults['classFits'] = main.summary.classes.map((fitted) => {
    const entropy = draft.entropies?.get(fitted.label);
    const s = stats.find((x) => x.label === fitted.label)!;
    const spread = chains.perClass.get(fitted.label)!;
    const heldOut = draft.heldOut?.get(fitted.label);
    return {
      label: fitted.label, n: fitted.n, meanLogDensity: s.mean, sdLogDensity: s.sd,
      relativeEntropy: entropy?.estimate ?? null, relativeEntropySe: entropy?.standardError ?? null,
      meanDistance: draft.distances?.get(fitted.label) ?? null,
      group: split ? (high.has(fitted.label) ? 'high' : 'low') : null,
      clusterCountTrace: fitted.clusterCounts,
      diagnostics: { rHat: fitted.rHat, clusterCountRHat: fitted.clusterCountRHat ?? null, logLikelihoods: fitted.logLikelihoods, alphas: fitted.alphas },
      chainMeanLogDensities: spread.meanLogDensities, chainRelativeEntropies: spread.relativeEntropies,
      meanLogDensityChainSd: spread.meanLogDensitySd, relativeEntropyChainSd: spread.relativeEntropySd, groupChainAgreement: spread.groupAgreement,
      heldOutInSampleMeanLogDensity: heldOut?.inSampleMean ?? null, heldOutMeanLogDensity: heldOut?.heldOutMean ?? null, heldOutCount: heldOut?.heldOutCount ?? null,
    };
  });
  return {
    input: draft.input, predictiveArtifact: main.predictiveArtifact, fitMs: main.ms, classCount: main.summary.classes.length, classFits,
    ownLogDensity: draft.ownLogDensity!, predicted: draft.predicted ?? null,
    split: split
      ? {
          threshold: split.threshold, gap: split.gap, lowCount: split.lowClasses.length, highCount: split.highClasses.length,
          chainGaps: chains.split!.gaps, chainsAgreeing: chains.split!.chainsAgreeing, ...(draft.evidence ?? NO_EVIDENCE),
        }
      : null,
    genclass: draft.genclass ?? [], kl: draft.kl ?? [], bins: draft.bins ?? [],
  };
}
