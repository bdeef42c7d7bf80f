/**
 * Every analysis of one layer (METHOD.md D–H) from its reduced points and fit
 * steps: own-class log-densities, per-class stats, the largest-gap split,
 * relative entropy, mean distances, density bins, generative classification
 * per held-out subset (fit without them), and between-class KL per subset (a
 * fit per subset). Pure computation: returns rows to store.
 */
import {
  betweenClassKl, classLogDensityStats, densityBins, generativeClassification, largestGapSplit,
  meanIntraClassDistance, positiveKlSummary, relativeEntropy,
} from '@classfit/core/analysis';
import { classify, scoreOwnClass, type PredictiveModel } from '@classfit/core/density';
import type { FitOptionsInput } from '@classfit/core/dpgmm';
import { createRng } from '@classfit/core/rng';
import type { DensityBinStats } from '@classfit/db';
import type { AnalysisOptions } from '../analysis-options.ts';
import type { SubsetName } from '../import/subset-selection.ts';
import { classDataFrom, gatherRows } from './class-data.ts';
import type { FitSummary, StepRunner } from './fit-step.ts';
import type { LayerInput } from './layer-input.ts';

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
    meanDistance: number | null; group: 'high' | 'low' | null; clusterCountTrace: number[]; diagnostics: { rHat: number | null; logLikelihoods: number[]; alphas: number[] };
  }[];
  /** Own-class log-density [n] and predicted class [n] (or null) per selected row. */
  readonly ownLogDensity: Float64Array;
  readonly predicted: Int32Array | null;
  readonly split: { threshold: number; gap: number; lowCount: number; highCount: number } | null;
  readonly genclass: { subset: SubsetName; f1Mean: number; f1Sd: number; accuracy: number; f1PerTrace: number[]; exampleCount: number }[];
  readonly kl: { subset: SubsetName; labels: number[]; matrix: number[][]; mean: number; sd: number }[];
  readonly bins: { bin: number; stats: DensityBinStats }[];
}

const PURPOSE_STREAM = { entropy: 1, kl: 2 } as const;

function fitOptions(options: AnalysisOptions, seedOffset: number, iterations = options.iterations): Partial<FitOptionsInput> {
  const scale = iterations / options.iterations;
  const burnIn = Math.min(iterations - 1, Math.round(options.burnIn * scale));
  return { iterations, burnIn, thin: Math.max(1, Math.round(options.thin * scale)), chains: options.chains, seed: options.seed + seedOffset };
}

/** Runs the fit steps of one layer and every analysis on them. `progress(phase)` names what runs now. */
export async function analyzeLayer(
  input: LayerInput,
  data: RunData,
  options: AnalysisOptions,
  steps: StepRunner,
  progress: (phase: string) => void,
): Promise<LayerResults> {
  const { z, k, layer } = input;
  const n = data.labels.length;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const projection = { components: input.components, outputDim: k, inputDim: input.dim };
  const layerStream = layer.index * 1_000_000;

  progress('fit');
  const main = await steps.run(`${layer.name}/main`, classDataFrom(z, k, data.labels, all, data.classNames), fitOptions(options, 0), projection);
  const model: PredictiveModel = { ...main.predictive, projection: undefined };
  const fitted = new Set(model.classes.map((c) => c.label));
  const scored = all.filter((i) => fitted.has(data.labels[i]));

  progress('score');
  const ownLogDensity = new Float64Array(n).fill(Number.NaN);
  const own = await scoreOwnClass(model, gatherRows(z, k, scored), scored.length, Array.from(scored, (i) => data.labels[i]));
  scored.forEach((row, i) => (ownLogDensity[row] = own[i]));
  const predicted = options.classifyAll ? await classify(model, z, n) : null;
  const stats = classLogDensityStats(own, Array.from(scored, (i) => data.labels[i]));
  const split = stats.length >= 2 ? largestGapSplit(stats.map((s) => s.mean), stats.map((s) => s.label)) : null;
  const high = new Set(split?.highClasses ?? []);

  progress('entropy');
  const summaries = new Map(main.summary.classes.map((c) => [c.label, c]));
  const classFits: LayerResults['classFits'] = [];
  for (const [ci, mixture] of model.classes.entries()) {
    const entropy = options.entropySamples > 0
      ? await relativeEntropy(model, ci, { rng: createRng(options.seed, layerStream + PURPOSE_STREAM.entropy * 10_000 + ci), samplesPerTrace: options.entropySamples })
      : null;
    const rows = scored.filter((i) => data.labels[i] === mixture.label);
    const s = stats.find((x) => x.label === mixture.label)!;
    const summary = summaries.get(mixture.label)! as FitSummary['classes'][number];
    const distance = meanIntraClassDistance(gatherRows(z, k, rows), rows.length, k);
    classFits.push({
      label: mixture.label, n: mixture.n, meanLogDensity: s.mean, sdLogDensity: s.sd,
      relativeEntropy: entropy?.estimate ?? null, relativeEntropySe: entropy?.standardError ?? null,
      meanDistance: Number.isFinite(distance) ? distance : null,
      group: split ? (high.has(mixture.label) ? 'high' : 'low') : null,
      clusterCountTrace: summary.clusterCounts,
      diagnostics: { rHat: summary.rHat, logLikelihoods: summary.logLikelihoods, alphas: summary.alphas },
    });
  }

  progress('bins');
  const binSize = Math.max(1, Math.ceil(scored.length / options.bins));
  const bins = densityBins(own, {
    binSize,
    ...(data.memorization ? { scores: { memorization: Array.from(scored, (i) => data.memorization![i]) } } : {}),
    ...(split ? { highDensity: Array.from(scored, (i) => high.has(data.labels[i])) } : {}),
  }).map((b) => ({
    bin: b.index,
    stats: {
      count: b.count, logDensityMean: b.logDensity.mean, logDensitySd: b.logDensity.sd,
      memorizationMean: b.scores.memorization?.mean ?? null, memorizationSd: b.scores.memorization?.sd ?? null, highDensityFraction: b.highDensityShare,
    },
  }));

  const genclass: LayerResults['genclass'] = [];
  const heldOut = new Set<number>();
  for (const name of options.genclassSubsets) for (const p of data.genclass.get(name) ?? []) heldOut.add(p);
  if (heldOut.size > 0) {
    progress('genclass');
    const train = all.filter((i) => !heldOut.has(i));
    const fit = await steps.run(`${layer.name}/genclass`, classDataFrom(z, k, data.labels, train, data.classNames), fitOptions(options, 1));
    const known = new Set(fit.predictive.classes.map((c) => c.label));
    for (const name of options.genclassSubsets) {
      const test = (data.genclass.get(name) ?? new Int32Array()).filter((p) => known.has(data.labels[p]));
      if (test.length === 0) continue;
      const result = await generativeClassification(fit.predictive, gatherRows(z, k, test), test.length, Array.from(test, (p) => data.labels[p]));
      genclass.push({
        subset: name, f1Mean: result.weightedF1.mean, f1Sd: result.weightedF1.sd, accuracy: result.accuracy.mean,
        f1PerTrace: result.perTrace.map((m) => m.weightedF1), exampleCount: test.length,
      });
    }
  }

  const kl: LayerResults['kl'] = [];
  for (const [s, name] of options.klSubsets.entries()) {
    const positions = data.kl.get(name);
    if (!positions || options.klSamples === 0) continue;
    const classes = classDataFrom(z, k, data.labels, positions, data.classNames);
    if (classes.length < 2) continue;
    progress(`kl:${name}`);
    const fit = await steps.run(`${layer.name}/kl-${name}`, classes, fitOptions(options, 2 + SUBSET_ORDER[name], options.subsetIterations ?? options.iterations));
    const rng = createRng(options.seed, layerStream + PURPOSE_STREAM.kl * 10_000 + s);
    const result = await betweenClassKl(fit.predictive, { rng, samplesPerClass: options.klSamples });
    const C = result.classes;
    const summary = positiveKlSummary(result.matrix);
    kl.push({
      subset: name, labels: fit.predictive.classes.map((c) => c.label),
      matrix: Array.from({ length: C }, (_, i) => Array.from(result.matrix.subarray(i * C, (i + 1) * C))),
      mean: summary.mean, sd: summary.sd,
    });
  }

  return {
    input, predictiveArtifact: main.predictiveArtifact, fitMs: main.ms, classCount: model.classes.length, classFits,
    ownLogDensity, predicted, split: split ? { threshold: split.threshold, gap: split.gap, lowCount: split.lowClasses.length, highCount: split.highClasses.length } : null,
    genclass, kl, bins,
  };
}

const SUBSET_ORDER: Record<SubsetName, number> = { least: 0, most: 1, random: 2 };
