/**
 * Test helper: seeds a small, fully analysed store through the db queries — models of two architectures on a
 * 3-class dataset, two layers each (raw dim 4, reduced dim 2), one succeeded run with every result table filled,
 * and a real predictive file (3 classes × 2 Student-t components, projection 4 → 2) in the artifact store.
 */
import {
  enqueueRun,
  examplesOfModel,
  finishRun,
  insertLayers,
  insertModel,
  setLayerReduction,
  upsertArchitecture,
  upsertClassFits,
  upsertDataset,
  upsertDatasetClasses,
  upsertDensityBins,
  upsertExamples,
  upsertExampleScores,
  upsertGenclassResults,
  upsertGroupSplits,
  upsertKlMatrices,
  upsertLayerFit,
  upsertProject,
  type FitRunRow,
  type LayerRow,
  type ModelRow,
} from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';

/** Class locations of the seeded density (2-D): far apart, so classification is unambiguous. */
export const SEED_CLASS_CENTRES = [
  [-5, 0],
  [0, 5],
  [5, 0],
] as const;

/** Class locations for `classes` classes: {@link SEED_CLASS_CENTRES} for 3, else spread on a circle. */
function classCentres(classes: number): readonly (readonly number[])[] {
  if (classes === SEED_CLASS_CENTRES.length) return SEED_CLASS_CENTRES;
  return Array.from({ length: classes }, (_, c) => [5 * Math.cos((2 * Math.PI * c) / classes), 5 * Math.sin((2 * Math.PI * c) / classes)]);
}

/** The seeded predictive file (DESIGN.md §7), projection z = V x keeps the first two raw coordinates. */
export function seedPredictiveDocument(classes: number = SEED_CLASS_CENTRES.length): Record<string, unknown> {
  const component = (weight: number, loc: readonly number[]) => ({ weight, df: 7, loc, scaleTril: [[1, 0], [0.2, 0.8]] });
  return {
    format: 'classfit.predictive/v1',
    dim: 2,
    projection: { components: [[1, 0, 0, 0], [0, 1, 0, 0]] },
    classes: classCentres(classes).map(([x, y], label) => ({
      label,
      name: `class-${label}`,
      n: 10,
      components: [component(0.6, [x, y]), component(0.4, [x + 0.5, y - 0.5])],
      reference: { mean: [x, y], variance: [1, 1] },
    })),
  };
}

/** What was seeded. */
export interface Seeded {
  readonly models: ModelRow[];
  readonly layers: Map<number, LayerRow[]>;
  readonly runs: Map<number, FitRunRow>;
  readonly predictiveArtifact: string;
}

/** Where {@link seedAnalysedModels} puts its models; defaults: project `default`, dataset `toy3`, resnet18/resnet50, names `model-000`…. */
export interface SeedOptions {
  readonly project?: string;
  readonly dataset?: string;
  readonly architectures?: readonly [string, string];
  /** Prefix of the model names (names are unique across the store). */
  readonly prefix?: string;
  /** Tag carried by every model besides `even`/`odd` (default `seeded`). */
  readonly tag?: string;
  /** Layers per model (default 2: `stage1`, `stage2`). */
  readonly layers?: number;
  /** Classes of the dataset (default 3); each model has 10 examples per class. */
  readonly classes?: number;
}

/** A between-class KL matrix: the fixed 3 × 3 one of the tests, or a generated one for other class counts. */
function klMatrix(classes: number): number[][] {
  if (classes === 3) return [[0, 4, 9], [5, 0, 1], [8, 2, 0]];
  return Array.from({ length: classes }, (_, i) => Array.from({ length: classes }, (_, j) => (i === j ? 0 : 1 + ((i * 7 + j * 3) % 10))));
}

/** Seeds `modelCount` analysed models (alternating two architectures; tags `even`/`odd` and `seeded`). */
export async function seedAnalysedModels(app: Pick<AppContext, 'db' | 'artifacts'>, modelCount: number, options: SeedOptions = {}): Promise<Seeded> {
  const { db, artifacts } = app;
  const project = await upsertProject(db, options.project ?? 'default');
  const classes = options.classes ?? 3;
  const labels = Array.from({ length: classes }, (_, label) => label);
  const highCount = Math.ceil(classes / 3);
  const layerCount = options.layers ?? 2;
  const dataset = await upsertDataset(db, options.dataset ?? 'toy3', classes);
  await upsertDatasetClasses(db, dataset.id, labels.map((label) => ({ label, name: `class-${label}` })));
  const [first, second] = options.architectures ?? ['resnet18', 'resnet50'];
  const archs = [await upsertArchitecture(db, { name: first, family: 'resnet', depth: 18 }), await upsertArchitecture(db, { name: second, family: 'resnet', depth: 50 })];
  const predictiveArtifact = await artifacts.put(Buffer.from(JSON.stringify(seedPredictiveDocument(classes))), 'json');
  const activationsArtifact = await artifacts.put(Buffer.from('not read by the API'), 'npy');
  const models: ModelRow[] = [];
  const layersOf = new Map<number, LayerRow[]>();
  const runs = new Map<number, FitRunRow>();
  for (let m = 0; m < modelCount; m++) {
    const model = await insertModel(db, {
      projectId: project.id,
      name: `${options.prefix ?? 'model-'}${String(m).padStart(3, '0')}`,
      architectureId: archs[m % 2].id,
      datasetId: dataset.id,
      seed: m,
      accuracy: 0.5 + m / (4 * modelCount),
      tags: [options.tag ?? 'seeded', m % 2 === 0 ? 'even' : 'odd'],
    });
    models.push(model);
    await upsertExamples(
      db,
      Array.from({ length: 10 * classes }, (_, index) => ({ modelId: model.id, index, label: index % classes, memorization: (index * 7) % 30 / 30 })),
    );
    const layers = await insertLayers(
      db,
      Array.from({ length: layerCount }, (_, index) => ({ modelId: model.id, name: `stage${index + 1}`, index, relativeDepth: (index + 1) / layerCount, dim: 4, exampleCount: 10 * classes, activationsArtifact })),
    );
    layersOf.set(model.id, layers);
    const { run } = await enqueueRun(db, { modelId: model.id, configKey: `seed-${m}`, config: { iterations: 10, burnIn: 4, thin: 2, seed: m }, seed: m });
    const examples = await examplesOfModel(db, model.id);
    for (const layer of layers) {
      await setLayerReduction(db, layer.id, { reducedDim: 2, svdSummary: { k: 2, singularValues: [3, 2, 1], varianceFraction: 0.9 }, projectionArtifact: activationsArtifact });
      await upsertLayerFit(db, { runId: run.id, layerId: layer.id, reducedDim: 2, classCount: classes, predictiveArtifact });
      const mean = (label: number) => -10 * label - layer.index - m / 100;
      await upsertClassFits(
        db,
        labels.map((label) => ({
          runId: run.id,
          layerId: layer.id,
          label,
          n: 10,
          meanLogDensity: mean(label),
          sdLogDensity: 1 + label,
          relativeEntropy: 3 * label + layer.index,
          relativeEntropySe: 0.1,
          meanDistance: 2 + label,
          group: label < highCount ? ('high' as const) : ('low' as const),
          clusterCountTrace: Array.from({ length: 10 }, (_, s) => 1 + ((s + label) % 3)),
          diagnostics: { rHat: null, logLikelihoods: Array.from({ length: 10 }, (_, s) => -100 + s), alphas: Array.from({ length: 10 }, () => 1) },
          predictiveArtifact,
        })),
      );
      await upsertGroupSplits(db, [{ runId: run.id, layerId: layer.id, threshold: -5 - layer.index, gap: 10, lowCount: classes - highCount, highCount }]);
      await upsertGenclassResults(
        db,
        ['least', 'most'].map((subset, i) => ({ runId: run.id, layerId: layer.id, subset, f1Mean: 0.9 - i / 2, f1Sd: 0.01, accuracy: 0.9 - i / 2, exampleCount: 6 })),
      );
      await upsertKlMatrices(db, [{ runId: run.id, layerId: layer.id, subset: 'all', labels, matrix: klMatrix(classes), mean: 4.83, sd: 3.0 }]);
      await upsertDensityBins(
        db,
        [0, 1, 2].map((bin) => ({
          runId: run.id,
          layerId: layer.id,
          bin,
          stats: { count: 10, logDensityMean: -20 + 10 * bin, logDensitySd: 1, memorizationMean: 0.5 - bin / 10, memorizationSd: 0.1, highDensityFraction: bin / 2 },
        })),
      );
      await upsertExampleScores(
        db,
        examples.map((e) => ({ runId: run.id, layerId: layer.id, exampleId: e.id, ownLogDensity: mean(e.label) + (e.index % 5) / 10, predictedClass: e.label })),
      );
    }
    runs.set(model.id, (await finishRun(db, run.id, { status: 'succeeded', progress: { phase: 'done' } }))!);
  }
  return { models, layers: layersOf, runs, predictiveArtifact };
}
