/**
 * Seeds a dashboard-sized result set through @classfit/db's queries: `models` analysed models (ResNet-18/50 on
 * CIFAR-100 and Mini-ImageNet, 4 stages, `classes` classes each) with every result table the dashboard reads,
 * plus one re-analysis left running so the Jobs page has live progress to show. The first model also has example
 * images (8×8 RGB) and per-example log-densities at stage 4; the others have neither.
 */
import { linearCkaMatrix, procrustesDistanceMatrix, similarityStatistics } from '@classfit/core/analysis';
import { writeImageNpy, writeNpy } from '@classfit/core/io';
import {
  claimRun,
  enqueueRun,
  finishRun,
  heartbeatRun,
  insertLayers,
  insertModel,
  setLayerReduction,
  setRunBackend,
  upsertArchitecture,
  upsertClassFits,
  upsertDataset,
  upsertDatasetClasses,
  upsertDensityBins,
  upsertExamples,
  upsertExampleScores,
  examplesOfModel,
  upsertGenclassResults,
  upsertGroupSplits,
  upsertKlMatrices,
  upsertLayerSimilarities,
  upsertLayerFit,
  upsertMemorizationSubsets,
  upsertProject,
  setExampleRobustness,
  upsertCertification,
  type ArtifactStore,
  type Db,
  type RunProgress,
} from '@classfit/db';
import { CIFAR100_CLASSES, F1_BY_STAGE, KL_BY_STAGE, largestGapSplit, makeRandom, SEED_IMAGE_SIZE, seedImages } from './web-seed-data.ts';

export interface SeedSize {
  readonly models: number;
  readonly classes: number;
  /** Examples per class with memorization scores (default 8). */
  readonly examplesPerClass?: number;
  /**
   * Real activation arrays for every layer (float32 [examples, dim]), so cross-model CKA can be computed; default a
   * placeholder artifact (nothing else reads activations, and 20 models of 2,048-wide layers would slow the seed).
   */
  readonly activations?: boolean;
}

export interface SeededModel {
  readonly id: number;
  readonly name: string;
  readonly architecture: string;
  readonly dataset: string;
  readonly layerIds: number[];
  /** Per stage: the classes above the largest gap. */
  readonly highLabels: number[][];
  /** Per stage: class mean log-densities by label. */
  readonly means: number[][];
  /** Per stage, by label: two chains' mean log-densities (their mean is `means`), their between-chain s.d., and in how many chains the class keeps its group. */
  readonly chains: { meanLogDensities: [number, number][]; meanLogDensitySd: number[]; relativeEntropySd: number[]; groupAgreement: number[] }[];
  /**
   * Per stage, by label: the class's held-out densities (in-sample and held-out mean log-density, held-out count) at
   * stage 4 only; null below (as a run stored before held-out densities). Computed from the mean, no random draws.
   */
  readonly heldOut: ({ inSample: number; heldOut: number; count: number } | null)[][];
  /** Per stage: the split's stored evidence (stages 3–4 pass, 1–2 do not, as in the paper). */
  readonly significance: { passes: boolean; modesPValue: number; sdRatio: number; sdRatioLow: number; sdRatioHigh: number; chainsAgreeing: number }[];
  /** Whether the model has example images (pixels: `seedImagePixel`). */
  readonly hasImages: boolean;
  /** Stage-4 own-class log-density by example index (empty when not scored). */
  readonly exampleLogDensities: Map<number, number>;
  /** The stage-4 density bin holding the seeded certified examples and its statistics (null when not certified). */
  readonly certifiedBin: { bin: number; count: number; meanRadius: number; abstainRate: number } | null;
  /**
   * A KL subset the model stores no matrices for, because no class met its rule (its memorization subset holds
   * 0 classes), as in the demo: the last model of a seed of several lacks `most`. Null when every subset is there.
   */
  readonly absentKlSubset: 'most' | null;
  /** The seeded activations per stage ([examples, dim] row-major), when `SeedSize.activations`. */
  readonly activations: Float32Array[] | null;
  /** Layer × layer linear CKA and Procrustes distance (core's, of seeded representations that drift with depth), [stage][stage]. */
  readonly similarity: { cka: number[][]; procrustes: number[][] };
}

/** Core's CKA and Procrustes of `stages` synthetic representations of 200 examples: a shared latent plus noise that grows with depth. */
function seedSimilarity(stages: number, seed: number): { cka: number[][]; procrustes: number[][] } {
  const random = makeRandom(seed);
  const n = 200;
  const dim = 8;
  const latent = Array.from({ length: n * dim }, () => random.normal(0, 1));
  const representations = Array.from({ length: stages }, (_, s) => ({ dim, values: Float64Array.from(latent, (v) => v + random.normal(0, 0.4 * s)) }));
  const statistics = similarityStatistics(representations, n);
  const cka = linearCkaMatrix(statistics).cka;
  const procrustes = procrustesDistanceMatrix(statistics);
  const square = (m: Float64Array) => Array.from({ length: stages }, (_, i) => Array.from(m.subarray(i * stages, (i + 1) * stages)));
  return { cka: square(cka), procrustes: square(procrustes) };
}

/** Width of the latent every seeded model's activations are projections of. */
const LATENT_DIM = 12;

/**
 * The latent of a dataset's examples at each stage: a generic part fading with depth and a class part growing
 * with it, the same for every model on the dataset (so models correspond stage by stage). [stage][example × LATENT_DIM].
 */
function seedLatents(stages: number, labels: readonly number[], seed: number): Float64Array[] {
  const random = makeRandom(seed);
  const generic = Float64Array.from({ length: labels.length * LATENT_DIM }, () => random.normal(0, 1));
  const classMeans = Array.from({ length: 1 + Math.max(...labels) }, () => Array.from({ length: LATENT_DIM }, () => random.normal(0, 2)));
  const specific = Float64Array.from({ length: labels.length * LATENT_DIM }, () => random.normal(0, 1));
  return Array.from({ length: stages }, (_, s) => {
    const depth = s / Math.max(1, stages - 1);
    return Float64Array.from(generic, (g, k) => {
      const label = labels[Math.floor(k / LATENT_DIM)];
      return (1 - depth) * g + depth * classMeans[label][k % LATENT_DIM] + 0.5 * Math.sin(3 * s + 1) * specific[k];
    });
  });
}

/** One model's stage activations: its own random linear read-out of the stage latent, ReLU'd, plus a little noise. */
function seedActivations(latent: Float64Array, n: number, dim: number, random: ReturnType<typeof makeRandom>): Float32Array {
  const weights = Float64Array.from({ length: LATENT_DIM * dim }, () => random.normal(0, 1 / Math.sqrt(LATENT_DIM)));
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) {
      let v = 0;
      for (let k = 0; k < LATENT_DIM; k++) v += latent[i * LATENT_DIM + k] * weights[k * dim + j];
      out[i * dim + j] = Math.max(0, v) + 0.05 * random.uniform();
    }
  }
  return out;
}

/**
 * Certificates seeded on the first model: radii 0.5 and 1.0 and one abstention. Its stored density bins hold
 * 1,000 examples each, more than the model has, so every scored example ranks into bin 0.
 */
const SEED_CERTIFICATES = [
  { index: 1, radius: 0.5, abstained: false, prediction: 0 },
  { index: 9, radius: 1, abstained: false, prediction: 1 },
  { index: 17, radius: 0, abstained: true, prediction: -1 },
] as const;

export interface DashboardSeed {
  readonly models: SeededModel[];
  readonly classNames: string[];
  /** The running re-analysis: its row id and a function that advances its progress (and appends a log line). */
  readonly runningJob: { runId: number; modelName: string; advance(step: number): Promise<void> };
}

const STAGES = 4;
const WORKER = 'web-e2e-seed';
const ARCHITECTURES = [
  { name: 'resnet18', family: 'resnet', depth: 18, dims: [64, 128, 256, 512] },
  { name: 'resnet50', family: 'resnet', depth: 50, dims: [256, 512, 1024, 2048] },
];
const DATASETS = ['cifar100', 'mini-imagenet'];
const REDUCED = [16, 16, 64, 64];
/** The run's layer list as the CLI records it: long enough to test how the Run configuration card wraps it. */
const LAYER_HOOKS = ['layer1.0.bn2.output', 'layer2.0.downsample.1.output', 'layer3.1.bn2.output', 'layer4.1.relu.output', 'avgpool.output'];
const VARIANCE = [0.996, 0.968, 0.939, 0.868];

/** Seeds the store; model i is architecture i mod 2 on dataset ⌊i/2⌋ mod 2, seed ⌊i/4⌋. */
export async function seedDashboard(db: Db, artifacts: ArtifactStore, size: SeedSize): Promise<DashboardSeed> {
  const random = makeRandom(20230207);
  const scoreNoise = makeRandom(7); // its own stream, so the other seeded numbers stay as they were
  const chainNoise = makeRandom(31); // the second chain and the split evidence: their own stream, likewise
  const perClass = size.examplesPerClass ?? 8;
  const classNames = Array.from({ length: size.classes }, (_, i) => CIFAR100_CLASSES[i] ?? `class_${i}`);
  const project = await upsertProject(db, 'modes-of-class-fitting', 'Reproduction of Jamroż & Kurdziel (AAAI-23).');
  const datasets = [];
  for (const name of DATASETS) {
    const dataset = await upsertDataset(db, name, size.classes);
    await upsertDatasetClasses(db, dataset.id, classNames.map((n, label) => ({ label, name: n })));
    datasets.push(dataset);
  }
  const architectures = [];
  for (const a of ARCHITECTURES) architectures.push(await upsertArchitecture(db, { name: a.name, family: a.family, depth: a.depth }));
  const predictiveArtifact = await artifacts.put(Buffer.from(JSON.stringify({ format: 'classfit.predictive/v1', note: 'placeholder for dashboard tests' })), 'json');
  const activationsArtifact = await artifacts.put(Buffer.from('not read by the dashboard'), 'npy');

  // Which classes tend to be fitted in the high-density mode is a property of the dataset; models differ a little.
  const propensity = DATASETS.map(() => classNames.map(() => random.normal()));

  const seeded: SeededModel[] = [];
  for (let m = 0; m < size.models; m++) {
    const arch = ARCHITECTURES[m % 2];
    const datasetIndex = Math.floor(m / 2) % 2;
    const name = `${arch.name}-${DATASETS[datasetIndex]}-s${Math.floor(m / 4)}`;
    const exampleCount = size.classes * perClass;
    const images = m === 0 ? { count: exampleCount, height: SEED_IMAGE_SIZE, width: SEED_IMAGE_SIZE, channels: 3 as const, data: seedImages(exampleCount) } : null;
    const model = await insertModel(db, {
      projectId: project.id,
      name,
      architectureId: architectures[m % 2].id,
      datasetId: datasets[datasetIndex].id,
      seed: Math.floor(m / 4),
      accuracy: 0.72 + 0.05 * (m % 2) - 0.08 * datasetIndex + random.normal(0, 0.01),
      tags: ['paper', m % 2 === 0 ? 'rn18' : 'rn50', ...(m < 2 ? ['baseline'] : [])],
      notes: m === 0 ? 'Trained from scratch, OneCycle, 100 epochs (METHOD.md A.2).' : null,
      imagesArtifact: images ? await artifacts.put(writeImageNpy(images), 'npy') : null,
      imageShape: images ? [images.height, images.width, images.channels] : null,
    });
    const absentKlSubset = size.models > 1 && m === size.models - 1 ? ('most' as const) : null;
    const klSubsets = (['least', 'random', 'most'] as const).filter((subset) => subset !== absentKlSubset);
    // Example i is of class ⌊i / perClass⌋ (as seeded below); activations from their own streams, so nothing else changes.
    const activations = size.activations
      ? seedLatents(STAGES, Array.from({ length: exampleCount }, (_, i) => Math.floor(i / perClass)), 4242 + datasetIndex).map((latent, s) => seedActivations(latent, exampleCount, arch.dims[s], makeRandom(5000 + 10 * m + s)))
      : null;
    const activationKeys = activations
      ? await Promise.all(activations.map((data, s) => artifacts.put(writeNpy({ dtype: 'float32', shape: [exampleCount, arch.dims[s]], data }), 'npy')))
      : null;
    const layers = await insertLayers(
      db,
      Array.from({ length: STAGES }, (_, s) => ({ modelId: model.id, name: `stage${s + 1}`, index: s, relativeDepth: (s + 1) / STAGES, dim: arch.dims[s], exampleCount, activationsArtifact: activationKeys?.[s] ?? activationsArtifact })),
    );
    const examples = classNames.flatMap((_, label) =>
      Array.from({ length: perClass }, (_, k) => {
        const memorization = Math.min(1, Math.max(-0.04, random.uniform() ** 2 + random.normal(0, 0.02)));
        return { modelId: model.id, index: label * perClass + k, label, memorization, memorizationSe: 0.02 + 0.03 * random.uniform() };
      }),
    );
    await upsertExamples(db, examples);
    const exampleRows = await examplesOfModel(db, model.id);

    const { run } = await enqueueRun(db, { modelId: model.id, configKey: 'paper-defaults', config: { iterations: 400, burnIn: 320, thin: 4, reduce: REDUCED, layers: LAYER_HOOKS, seed: m }, seed: m });
    await claimRun(db, WORKER, { runId: run.id });
    await setRunBackend(db, run.id, m % 3 === 0 ? 'tensorflow' : 'wasm');

    const highLabels: number[][] = [];
    const means: number[][] = [];
    const chains: SeededModel['chains'] = [];
    const heldOut: SeededModel['heldOut'] = [];
    const significance: SeededModel['significance'] = [];
    const exampleLogDensities = new Map<number, number>();
    for (const layer of layers) {
      const s = layer.index;
      await setLayerReduction(db, layer.id, { reducedDim: REDUCED[s], svdSummary: { k: REDUCED[s], singularValues: [40, 12, 6, 3], varianceFraction: VARIANCE[s] - 0.01 * (m % 2) }, projectionArtifact: activationsArtifact });
      await upsertLayerFit(db, { runId: run.id, layerId: layer.id, reducedDim: REDUCED[s], classCount: size.classes, predictiveArtifact });
      const own = classNames.map((_, label) => propensity[datasetIndex][label] + random.normal(0, 0.35));
      const classMean = own.map((p) => {
        if (s < 2) return -2.5 + 1.2 * p + random.normal(0, 0.6);
        const high = p > 0.1;
        if (s === 2) return high ? 55 + 8 * random.normal() : -12 + 10 * random.normal();
        return high ? -2 + 2.5 * random.normal() : -72 + 12 * random.normal();
      });
      const split = largestGapSplit(classMean);
      highLabels.push(split.high.flatMap((h, label) => (h ? [label] : [])));
      means.push(classMean);
      // Two chains per class: the pooled mean is the chains' mean, ± d apart; high-density classes agree more
      // closely. Below stage 3 the class nearest the threshold lands in the other group in one chain.
      const nearest = classMean.reduce((best, v, label) => (Math.abs(v - split.threshold) < Math.abs(classMean[best] - split.threshold) ? label : best), 0);
      const layerChains: SeededModel['chains'][number] = { meanLogDensities: [], meanLogDensitySd: [], relativeEntropySd: [], groupAgreement: [] };
      const sds: number[] = [];
      // Stage 4: low-density classes score their held-out examples 40–60 nats below their training points, high ones a few.
      const layerHeldOut = classMean.map((mean, label) => (s === STAGES - 1
        ? { inSample: mean + 0.5, heldOut: mean + 0.5 - (split.high[label] ? 2 + 0.3 * label : 40 + 2 * label), count: 8 + label }
        : null));
      heldOut.push(layerHeldOut);
      await upsertClassFits(
        db,
        classMean.map((mean, label) => {
          const high = split.high[label];
          const sd = s < 2 ? 3 + 4 * random.uniform() : high ? 1.2 + 0.6 * random.uniform() : 15 + 12 * random.uniform();
          sds.push(sd);
          const trace = Array.from({ length: 100 }, (_, sweep) => Math.max(1, Math.round(3 + 3 * (1 - Math.exp(-sweep / 15)) + random.normal(0, 0.8))));
          const relativeEntropy = s < 2 ? 4 + 0.5 * mean + random.normal(0, 0.5) : 0.49 * mean + 62 + random.normal(0, 1.5);
          const d = Math.abs(chainNoise.normal(0, high ? 0.4 : 3));
          const e = Math.abs(chainNoise.normal(0, 0.8));
          const agreement = s < 2 && label === nearest ? 1 : 2;
          layerChains.meanLogDensities.push([mean + d, mean - d]);
          layerChains.meanLogDensitySd.push(Math.SQRT2 * d);
          layerChains.relativeEntropySd.push(Math.SQRT2 * e);
          layerChains.groupAgreement.push(agreement);
          const trace2 = trace.map((k) => Math.max(1, k + Math.round(chainNoise.normal(0, 0.7))));
          return {
            runId: run.id,
            layerId: layer.id,
            label,
            n: perClass * 60,
            meanLogDensity: mean,
            sdLogDensity: sd,
            relativeEntropy,
            relativeEntropySe: 0.05,
            meanDistance: 15.4 + random.normal(0, 1.2) - 10 * (STAGES - 1 - s) / STAGES,
            group: high ? ('high' as const) : ('low' as const),
            clusterCountTrace: [trace, trace2],
            diagnostics: ((rHat, logLikelihoods, alphas) => ({
              rHat, clusterCountRHat: 1 + Math.abs(chainNoise.normal(0, 0.04)),
              logLikelihoods: [logLikelihoods, logLikelihoods.map((v) => v + chainNoise.normal(0, 15))], alphas: [alphas, alphas.map(() => 0.8 + 0.4 * chainNoise.uniform())],
            }))(1 + Math.abs(random.normal(0, 0.03)), trace.map((_, sweep) => -4200 + 900 * (1 - Math.exp(-sweep / 12)) + random.normal(0, 15)), trace.map(() => 0.8 + 0.4 * random.uniform())),
            chainMeanLogDensities: [mean + d, mean - d],
            chainRelativeEntropies: [relativeEntropy + e, relativeEntropy - e],
            meanLogDensityChainSd: Math.SQRT2 * d,
            relativeEntropyChainSd: Math.SQRT2 * e,
            groupChainAgreement: agreement,
            heldOutInSampleMeanLogDensity: layerHeldOut[label]?.inSample ?? null,
            heldOutMeanLogDensity: layerHeldOut[label]?.heldOut ?? null,
            heldOutCount: layerHeldOut[label]?.count ?? null,
            predictiveArtifact,
          };
        }),
      );
      chains.push(layerChains);
      const highCount = highLabels[s].length;
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
      const sdRatio = median(sds.filter((_, l) => !split.high[l])) / median(sds.filter((_, l) => split.high[l]));
      const evidence = { passes: s >= 2, modesPValue: s >= 2 ? 0.001 + 0.002 * chainNoise.uniform() : 0.3 + 0.4 * chainNoise.uniform(), sdRatio, sdRatioLow: 0.85 * sdRatio, sdRatioHigh: 1.2 * sdRatio, chainsAgreeing: s < 2 ? 1 : 2 };
      significance.push(evidence);
      await upsertGroupSplits(db, [{
        runId: run.id, layerId: layer.id, threshold: split.threshold, gap: split.gap, lowCount: size.classes - highCount, highCount,
        modesPValue: evidence.modesPValue, criticalBandwidth: 0.4 * split.gap, modesReplicates: 1000, gapLow: 0.9 * split.gap, gapHigh: 1.05 * split.gap,
        sdRatio, sdRatioLow: evidence.sdRatioLow, sdRatioHigh: evidence.sdRatioHigh, stability: s < 2 ? 0.62 : 0.99, bootstrapReplicates: 200, intervalLevel: 0.95,
        chainGaps: [1.02 * split.gap, 0.97 * split.gap], chainsAgreeing: evidence.chainsAgreeing,
      }]);
      await upsertGenclassResults(
        db,
        (['least', 'random', 'most'] as const).map((subset) => ({ runId: run.id, layerId: layer.id, subset, f1Mean: Math.min(1, F1_BY_STAGE[subset][s] + random.normal(0, 0.01)), f1Sd: 0.004 + 0.004 * random.uniform(), accuracy: F1_BY_STAGE[subset][s], exampleCount: 1000 })),
      );
      await upsertKlMatrices(
        db,
        klSubsets.map((subset) => {
          const centre = KL_BY_STAGE[subset][s];
          const matrix = classNames.map((_, i) => classNames.map((_, j) => (i === j ? 0 : Math.max(0.5, centre + random.normal(0, centre * 0.06) + (split.high[i] !== split.high[j] ? 6 : 0)))));
          const off = matrix.flatMap((row, i) => row.filter((_, j) => j !== i));
          const mean = off.reduce((a, b) => a + b, 0) / off.length;
          const sd = Math.sqrt(off.reduce((a, b) => a + (b - mean) ** 2, 0) / off.length);
          return { runId: run.id, layerId: layer.id, subset, labels: classNames.map((_, i) => i), matrix, mean, sd };
        }),
      );
      if (m === 0 && s === STAGES - 1) {
        for (const e of exampleRows) exampleLogDensities.set(e.index, Math.round((classMean[e.label] + scoreNoise.normal(0, 4)) * 100) / 100);
        await upsertExampleScores(db, exampleRows.map((e) => ({ runId: run.id, layerId: layer.id, exampleId: e.id, ownLogDensity: exampleLogDensities.get(e.index)!, predictedClass: e.label })));
        const idOf = new Map(exampleRows.map((e) => [e.index, e.id]));
        await setExampleRobustness(db, SEED_CERTIFICATES.map((c) => ({ exampleId: idOf.get(c.index)!, radius: c.radius, abstained: c.abstained, prediction: c.prediction })));
        await upsertCertification(db, {
          modelId: model.id, network: 'networks/resnet18-noise0.5', sigma: 0.5, n0: 100, n: 1000, alpha: 0.001, seed: 0, perBin: 3,
          runId: run.id, layerId: layer.id, exampleCount: SEED_CERTIFICATES.length,
        });
      }
      await upsertDensityBins(
        db,
        Array.from({ length: 50 }, (_, bin) => {
          const transition = 26;
          const share = bin < transition ? 0.04 * random.uniform() + bin / 200 : bin > 46 ? 0.55 + 0.1 * random.uniform() : 0.85 + 0.1 * random.uniform();
          const memorization = bin < transition ? 0.5 - 0.4 * (bin / transition) + random.normal(0, 0.02) : 0.36 + random.normal(0, 0.02);
          return {
            runId: run.id,
            layerId: layer.id,
            bin,
            stats: { count: 1000, logDensityMean: -110 + (120 * bin) / 49, logDensitySd: 2 + 3 * random.uniform(), memorizationMean: memorization, memorizationSd: 0.2 + 0.05 * random.uniform(), highDensityFraction: Math.min(1, share) },
          };
        }),
      );
      await heartbeatRun(db, run.id, WORKER, { phase: 'fit', layer: layer.name, layerIndex: s, layerCount: STAGES, message: `finished ${layer.name}` });
    }
    const similarity = seedSimilarity(layers.length, 7_000 + m);
    await upsertLayerSimilarities(db, layers.flatMap((layer, i) => layers.map((other, j) => ({
      runId: run.id, layerId: layer.id, otherLayerId: other.id, cka: similarity.cka[i][j], procrustes: similarity.procrustes[i][j], exampleCount: 200,
    }))));
    if (absentKlSubset) await upsertMemorizationSubsets(db, [{ modelId: model.id, purpose: 'kl', name: absentKlSubset, source: 'computed', indices: [], classLabels: [], perClass: [] }]);
    await finishRun(db, run.id, { status: 'succeeded', timings: { svdMs: 1800 + 100 * m, fitMs: 312000 + 1000 * m, analysisMs: 41000 }, progress: { phase: 'done' } });
    seeded.push({ id: model.id, name, architecture: arch.name, dataset: DATASETS[datasetIndex], layerIds: layers.map((l) => l.id), highLabels, means, chains, heldOut, significance, hasImages: images !== null, exampleLogDensities,
      certifiedBin: m === 0 ? { bin: 0, count: SEED_CERTIFICATES.length, meanRadius: 0.5, abstainRate: 1 / 3 } : null, absentKlSubset, similarity, activations });
  }

  // A second analysis of the first model (a different seed), mid-way through stage 2.
  const first = seeded[0];
  const { run: rerun } = await enqueueRun(db, { modelId: first.id, configKey: 'seed-1', config: { iterations: 400, burnIn: 320, thin: 4, reduce: REDUCED, seed: 1 }, seed: 1 });
  await claimRun(db, WORKER, { runId: rerun.id });
  await setRunBackend(db, rerun.id, 'wasm');
  let classesDone = 2;
  const progress = (): RunProgress => ({
    phase: 'fit',
    layer: 'stage2',
    layerIndex: 1,
    layerCount: STAGES,
    classesDone,
    classCount: size.classes,
    sweep: 120,
    totalSweeps: 400,
    etaMs: (size.classes - classesDone) * 4000,
    message: `stage2: ${classesDone}/${size.classes} classes fitted`,
    updatedAt: new Date().toISOString(),
  });
  // The job log as the runner writes it: one line per new step (apps/api/src/jobs/progress-log.ts).
  const logLine = () => `${new Date().toISOString().slice(11, 19)} fit · layer stage2 (2/${STAGES}) · ${classesDone}/${size.classes} classes · ${progress().message}`;
  await heartbeatRun(db, rerun.id, WORKER, undefined, [`${new Date().toISOString().slice(11, 19)} claimed by ${WORKER} (attempt 1)`, `${new Date().toISOString().slice(11, 19)} svd · layer stage2 (2/${STAGES})`]);
  await heartbeatRun(db, rerun.id, WORKER, { ...progress(), ...({ sweepsPerSecond: 3.4 } as object) } as RunProgress, [logLine()]);
  return {
    models: seeded,
    classNames,
    runningJob: {
      runId: rerun.id,
      modelName: first.name,
      async advance(step: number) {
        classesDone = Math.min(size.classes, classesDone + step);
        await heartbeatRun(db, rerun.id, WORKER, { ...progress(), ...({ sweepsPerSecond: 3.4 } as object) } as RunProgress, [logLine()]);
      },
    },
  };
}
