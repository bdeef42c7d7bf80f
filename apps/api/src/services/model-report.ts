/**
 * The paper's findings for one analysed model, per layer (METHOD.md I.2–I.6):
 * the largest-gap split, group means of log-density and relative entropy,
 * generative-classification F1 by memorization subset and between-class KL.
 */
import {
  classFitsByRunIds,
  findModel,
  genclassResultsByRunIds,
  groupSplitsByRunIds,
  klMatricesByRunIds,
  latestSucceededRunsByModelIds,
  layersByModelIds,
  type ClassFitRow,
  type Db,
} from '@classfit/db';
import { NotFoundError } from './errors.ts';

export interface LayerReport {
  readonly name: string;
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
  readonly meanClusters: number | null;
  readonly genclassF1: Record<string, number>;
  readonly klMean: Record<string, number>;
}

export interface ModelReport {
  readonly model: { readonly id: number; readonly name: string; readonly accuracy: number | null };
  readonly runId: number;
  readonly backend: string | null;
  readonly layers: readonly LayerReport[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const values = (fits: ClassFitRow[], pick: (f: ClassFitRow) => number | null) => fits.map(pick).filter((v): v is number => v !== null && Number.isFinite(v));

/** Builds the report from the model's latest succeeded analysis run. */
export async function modelReport(db: Db, idOrName: string): Promise<ModelReport> {
  const model = await findModel(db, idOrName);
  if (!model) throw new NotFoundError('model', idOrName);
  const [run] = await latestSucceededRunsByModelIds(db, [model.id]);
  if (!run) throw new NotFoundError('analysis of model', idOrName);
  const [layers, fits, splits, genclass, kl] = await Promise.all([
    layersByModelIds(db, [model.id]),
    classFitsByRunIds(db, [run.id]),
    groupSplitsByRunIds(db, [run.id]),
    genclassResultsByRunIds(db, [run.id]),
    klMatricesByRunIds(db, [run.id]),
  ]);
  const report: LayerReport[] = [];
  for (const layer of [...layers].sort((a, b) => a.index - b.index)) {
    const layerFits = fits.filter((f) => f.layerId === layer.id);
    if (layerFits.length === 0) continue;
    const split = splits.find((s) => s.layerId === layer.id);
    const group = (g: 'low' | 'high') => layerFits.filter((f) => f.group === g);
    const clusters = layerFits.map((f) => f.clusterCountTrace?.at(-1)).filter((v): v is number => typeof v === 'number');
    report.push({
      name: layer.name,
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
    });
  }
  return { model: { id: model.id, name: model.name, accuracy: model.accuracy }, runId: run.id, backend: run.backend, layers: report };
}
