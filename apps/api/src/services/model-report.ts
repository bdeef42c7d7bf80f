/**
 * The paper's findings for one analysed model, per layer (METHOD.md I.2–I.6):
 * the largest-gap split, group means of log-density and relative entropy,
 * generative-classification F1 by memorization subset and between-class KL.
 */
import { analysisOptionsSchema } from './analysis-options.ts';
import { stepDeclarations } from './analysis/steps/index.ts';
import {
  classesByDatasetIds,
  classFitsByRunIds,
  findModel,
  genclassResultsByRunIds,
  groupSplitsByRunIds,
  klMatricesByRunIds,
  latestSucceededRunsByLayerIds,
  layersByModelIds,
  type ClassFitRow,
  type Db,
} from '@classfit/db';
import { burnInOf, classFitClusterCount } from './cluster-count.ts';
import { heldOutDensityOf, type HeldOutDensityView } from './held-out-density.ts';
import { NotFoundError } from './errors.ts';
import { classChainReport, layerChainsReport, splitSignificanceReport, type ClassChainReport, type LayerChainsReport, type SplitSignificanceReport } from './layer-trust.ts';

export interface LayerReport {
  readonly name: string;
  /** The analysis run the layer's figures come from (its newest succeeded run that fitted it). */
  readonly runId: number;
  readonly relativeDepth: number;
  readonly dim: number;
  readonly reducedDim: number | null;
  readonly classes: number;
  readonly split: { readonly low: number; readonly high: number; readonly gap: number; readonly threshold: number } | null;
  /** Mean over classes of the class mean log-density, per group. */
  readonly meanLogDensity: { readonly low: number | null; readonly high: number | null };
  readonly relativeEntropy: { readonly low: number | null; readonly high: number | null; readonly all: number | null };
  /** Median per-class s.d. of log-density, per group (the paper's "ten times smaller"). */
  readonly medianSd: { readonly low: number | null; readonly high: number | null };
  /** Mean over classes of each class's cluster count (the mean after burn-in; README "Cluster count"). */
  readonly meanClusters: number | null;
  readonly genclassF1: Record<string, number>;
  readonly klMean: Record<string, number>;
  /** The layer's file name without `_acts.npy` / `.npy` (null for older imports). */
  readonly sourceName: string | null;
  /** Whether the split is real: modes-test p-value and bootstrap intervals (null for older runs / < 3 classes). */
  readonly significance: SplitSignificanceReport | null;
  /** How far the chains agree, over the layer's classes (null for runs stored before chains were compared). */
  readonly chains: LayerChainsReport | null;
  /** Every class, by label (only with the `perClass` option). */
  readonly perClass?: readonly ClassReport[];
}

/** One class at one layer (`classfit report --per-class`). */
export interface ClassReport {
  readonly label: number;
  readonly name: string;
  readonly n: number;
  readonly group: 'low' | 'high' | null;
  readonly meanLogDensity: number | null;
  readonly sdLogDensity: number | null;
  readonly relativeEntropy: number | null;
  readonly meanDistance: number | null;
  /** The class's cluster count (mean after burn-in). */
  readonly meanClusters: number | null;
  /** Its figures per chain and their spread (null for runs stored before chains were compared). */
  readonly chains: ClassChainReport | null;
  /** In-sample vs held-out mean log-density under the genclass refit (null: nothing of the class held out, or an older run). */
  readonly heldOut: HeldOutDensityView | null;
}

export interface ModelReport {
  readonly model: { readonly id: number; readonly name: string; readonly accuracy: number | null };
  readonly runId: number;
  readonly backend: string | null;
  readonly layers: readonly LayerReport[];
  /** The registry's analyses (services/analysis/steps) and whether the run's configuration did each; absent in reports saved before it existed. */
  readonly analyses?: readonly { readonly name: string; readonly title: string; readonly level: 'layer' | 'model'; readonly done: boolean }[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const values = (fits: ClassFitRow[], pick: (f: ClassFitRow) => number | null) => fits.map(pick).filter((v): v is number => v !== null && Number.isFinite(v));

/** Options of {@link modelReport}. */
export interface ModelReportOptions {
  /** Add each layer's classes. */
  readonly perClass?: boolean;
}

/** Builds the report from the model's latest succeeded analysis run. */
export async function modelReport(db: Db, idOrName: string, options: ModelReportOptions = {}): Promise<ModelReport> {
  const model = await findModel(db, idOrName);
  if (!model) throw new NotFoundError('model', idOrName);
  const layers = await layersByModelIds(db, [model.id]);
  // Each layer reports its newest succeeded run that fitted it: a later re-analysis of some layers hides no other.
  const runOfLayer = new Map((await latestSucceededRunsByLayerIds(db, layers.map((l) => l.id))).map((r) => [r.layerId, r]));
  if (runOfLayer.size === 0) throw new NotFoundError('analysis of model', idOrName);
  const runIds = [...new Set([...runOfLayer.values()].map((r) => r.id))];
  const run = [...runOfLayer.values()].reduce((a, b) => (b.id > a.id ? b : a));
  const ofItsRun = <R extends { layerId: number; runId: number }>(rows: R[]) => rows.filter((row) => runOfLayer.get(row.layerId)?.id === row.runId);
  const [fits, splits, genclass, kl] = await Promise.all([
    classFitsByRunIds(db, runIds).then(ofItsRun),
    groupSplitsByRunIds(db, runIds).then(ofItsRun),
    genclassResultsByRunIds(db, runIds).then(ofItsRun),
    klMatricesByRunIds(db, runIds).then(ofItsRun),
  ]);
  const classNames = options.perClass ? new Map((await classesByDatasetIds(db, [model.datasetId])).map((c) => [c.label, c.name])) : new Map<number, string>();
  const report: LayerReport[] = [];
  for (const layer of [...layers].sort((a, b) => a.index - b.index)) {
    const layerFits = fits.filter((f) => f.layerId === layer.id);
    if (layerFits.length === 0) continue;
    const burnIn = burnInOf(runOfLayer.get(layer.id));
    const split = splits.find((s) => s.layerId === layer.id);
    const group = (g: 'low' | 'high') => layerFits.filter((f) => f.group === g);
    const clusters = layerFits.map((f) => classFitClusterCount(f, burnIn)).filter((v): v is number => v !== null);
    report.push({
      name: layer.name,
      runId: runOfLayer.get(layer.id)!.id,
      relativeDepth: layer.relativeDepth,
      dim: layer.dim,
      reducedDim: layer.reducedDim,
      classes: layerFits.length,
      split: split ? { low: split.lowCount, high: split.highCount, gap: split.gap, threshold: split.threshold } : null,
      meanLogDensity: { low: mean(values(group('low'), (f) => f.meanLogDensity)), high: mean(values(group('high'), (f) => f.meanLogDensity)) },
      relativeEntropy: {
        low: mean(values(group('low'), (f) => f.relativeEntropy)),
        high: mean(values(group('high'), (f) => f.relativeEntropy)),
        all: mean(values(layerFits, (f) => f.relativeEntropy)),
      },
      medianSd: { low: median(values(group('low'), (f) => f.sdLogDensity)), high: median(values(group('high'), (f) => f.sdLogDensity)) },
      meanClusters: mean(clusters),
      genclassF1: Object.fromEntries(genclass.filter((g) => g.layerId === layer.id).map((g) => [g.subset, g.f1Mean])),
      klMean: Object.fromEntries(kl.filter((k) => k.layerId === layer.id).map((k) => [k.subset, k.mean])),
      sourceName: layer.sourceName,
      significance: splitSignificanceReport(split),
      chains: layerChainsReport(layerFits, split),
      ...(options.perClass
        ? {
            perClass: [...layerFits].sort((a, b) => a.label - b.label).map((f) => ({
              label: f.label,
              name: classNames.get(f.label) ?? `class_${f.label}`,
              n: f.n,
              group: f.group,
              meanLogDensity: f.meanLogDensity,
              sdLogDensity: f.sdLogDensity,
              relativeEntropy: f.relativeEntropy,
              meanDistance: f.meanDistance,
              meanClusters: classFitClusterCount(f, burnIn),
              chains: classChainReport(f),
              heldOut: heldOutDensityOf(f),
            })),
          }
        : {}),
    });
  }
  const config = analysisOptionsSchema.safeParse(run.config);
  const analyses = stepDeclarations().map(({ name, title, level, enabled }) => ({ name, title, level, done: config.success && enabled(config.data) }));
  return { model: { id: model.id, name: model.name, accuracy: model.accuracy }, runId: run.id, backend: run.backend, layers: report, analyses };
}
