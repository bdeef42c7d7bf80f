/**
 * Every table the dashboard shows, as an unsampled export: its columns and an async stream of its rows. Large
 * tables (example scores) are read page by page, so memory stays flat however many rows there are.
 */
import { pageExampleScores, pageModels, type RunStatus } from '@classfit/db';
import { splitPasses } from '../../services/analysis/split-evidence.ts';
import { burnInOf, classFitClusterCount } from '../../services/cluster-count.ts';
import type { ReadContext } from '../../services/views/read-context.ts';
import { toGlobalId } from '../../services/views/global-id.ts';
import { heldOutDensityOf, type HeldOutDensityView } from '../../services/held-out-density.ts';
import { klMatrixOf } from '../../services/views/kl-matrix.ts';
import { layerSimilarityOf } from '../../services/views/layer-similarity.ts';
import { visibility } from '../../services/views/read-scope.ts';
import { layerAndRun, layersAndRun } from './params.ts';

/** One exportable table. */
export interface ExportTable {
  readonly columns: readonly string[];
  /** What the query string takes, for error messages and the index. */
  readonly parameters: string;
  /** What the rows are of: all models, one layer (`layer=`), or one layer or all of a model's (`layer=` | `model=`). */
  readonly scope: 'models' | 'layer' | 'layer-or-model';
  rows(ctx: ReadContext, params: URLSearchParams): AsyncGenerator<Record<string, unknown>>;
}

const PAGE = 2000;

const models: ExportTable = {
  columns: ['id', 'name', 'project', 'architecture', 'family', 'dataset', 'seed', 'accuracy', 'tags', 'layerCount', 'status', 'createdAt'],
  parameters: '[architecture=<name>] [dataset=<name>] [tag=<tag>] [status=<status>]',
  scope: 'models',
  async *rows(ctx, params) {
    const filter = {
      architecture: params.get('architecture') ? { eq: params.get('architecture') } : null,
      dataset: params.get('dataset') ? { eq: params.get('dataset') } : null,
      tag: params.get('tag') ? { eq: params.get('tag') } : null,
      status: params.get('status') ? [params.get('status')!.toLowerCase() as RunStatus] : null,
    };
    let after: string | undefined;
    for (;;) {
      const page = await pageModels(ctx.app.db, { first: PAGE, after, orderBy: { field: 'createdAt', direction: 'asc' }, filter, visibility: visibility(ctx) });
      for (const m of page.rows) {
        const [project, architecture, dataset, layerCount, latest] = await Promise.all([
          ctx.loaders.project.load(m.projectId),
          ctx.loaders.architecture.load(m.architectureId),
          ctx.loaders.dataset.load(m.datasetId),
          ctx.loaders.layerCountOfModel.load(m.id),
          ctx.loaders.latestRunOfModel.load(m.id),
        ]);
        yield {
          id: toGlobalId('Model', m.id),
          name: m.name,
          project: project?.name,
          architecture: architecture?.name,
          family: architecture?.family,
          dataset: dataset?.name,
          seed: m.seed,
          accuracy: m.accuracy,
          tags: [...m.tags].sort(),
          layerCount,
          status: latest?.status ?? null,
          createdAt: m.createdAt,
        };
      }
      if (!page.hasNextPage) return;
      after = page.rows.at(-1)!.cursor;
    }
  },
};

const classFits: ExportTable = {
  columns: [
    'id', 'layer', 'label', 'n', 'meanLogDensity', 'sdLogDensity', 'relativeEntropy', 'relativeEntropySe', 'meanDistance', 'group', 'meanClusterCount',
    'chains', 'meanLogDensityChainSd', 'relativeEntropyChainSd', 'chainMeanLogDensities', 'chainRelativeEntropies', 'groupChainAgreement',
    'logLikelihoodRHat', 'clusterCountRHat', 'heldOutCount', 'heldOutInSampleMeanLogDensity', 'heldOutMeanLogDensity', 'heldOutGap',
  ],
  parameters: 'layer=<Layer ID> | model=<Model ID>, [fitRun=<FitRun ID>]',
  scope: 'layer-or-model',
  async *rows(ctx, params) {
    const { layers, run } = await layersAndRun(ctx, params);
    const fits = await ctx.loaders.classFitsOfRun.load(run.id);
    for (const layer of layers) {
      for (const fit of fits.filter((f) => f.layerId === layer.id)) {
        const { id, label, n, meanLogDensity, sdLogDensity, relativeEntropy, relativeEntropySe, meanDistance, group } = fit;
        yield {
          id: toGlobalId('ClassFit', id), layer: layer.name, label, n, meanLogDensity, sdLogDensity, relativeEntropy, relativeEntropySe, meanDistance, group,
          meanClusterCount: classFitClusterCount(fit, burnInOf(run)),
          chains: fit.chainMeanLogDensities?.length ?? null, meanLogDensityChainSd: fit.meanLogDensityChainSd, relativeEntropyChainSd: fit.relativeEntropyChainSd,
          chainMeanLogDensities: fit.chainMeanLogDensities, chainRelativeEntropies: fit.chainRelativeEntropies, groupChainAgreement: fit.groupChainAgreement,
          logLikelihoodRHat: fit.diagnostics?.rHat ?? null, clusterCountRHat: fit.diagnostics?.clusterCountRHat ?? null,
          ...heldOutColumns(heldOutDensityOf(fit)),
        };
      }
    }
  },
};

/** The class-fits export's held-out columns (empty cells when nothing of the class was held out). */
function heldOutColumns(h: HeldOutDensityView | null): Record<string, number | null> {
  return {
    heldOutCount: h?.count ?? null, heldOutInSampleMeanLogDensity: h?.inSampleMeanLogDensity ?? null,
    heldOutMeanLogDensity: h?.heldOutMeanLogDensity ?? null, heldOutGap: h?.gap ?? null,
  };
}

const exampleScores: ExportTable = {
  columns: ['exampleIndex', 'label', 'logDensity', 'predictedLabel'],
  parameters: 'layer=<Layer ID>, [fitRun=<FitRun ID>]',
  scope: 'layer',
  async *rows(ctx, params) {
    const { layer, run } = await layerAndRun(ctx, params);
    let after: string | undefined;
    for (;;) {
      const page = await pageExampleScores(ctx.app.db, run.id, layer.id, { first: PAGE, after, orderBy: { field: 'index', direction: 'asc' } });
      for (const s of page.rows) yield { exampleIndex: s.index, label: s.label, logDensity: s.ownLogDensity, predictedLabel: s.predictedClass };
      if (!page.hasNextPage) return;
      after = page.rows.at(-1)!.cursor;
    }
  },
};

const klMatrix: ExportTable = {
  columns: ['subset', 'fromLabel', 'toLabel', 'kl'],
  parameters: 'layer=<Layer ID>, [subset=<name>], [fitRun=<FitRun ID>]',
  scope: 'layer',
  async *rows(ctx, params) {
    const { layer, run } = await layerAndRun(ctx, params);
    const subset = params.get('subset');
    const matrices = (await ctx.loaders.klMatricesOfRun.load(run.id)).filter((m) => m.layerId === layer.id && (!subset || m.subset === subset));
    for (const row of matrices) {
      const { size, values } = await klMatrixOf(ctx, row);
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) yield { subset: row.subset, fromLabel: row.labels[i], toLabel: row.labels[j], kl: values[i * size + j] };
    }
  },
};

/** Density bins (Fig. 3) with their certified-robustness statistics (empty cells when the bin has no certified examples). */
const densityBins: ExportTable = {
  columns: [
    'layer', 'bin', 'count', 'logDensityMean', 'logDensitySd', 'memorizationMean', 'memorizationSd', 'highDensityFraction',
    'certifiedCount', 'meanRadius', 'sdRadius', 'abstainRate', 'smoothedAccuracy',
  ],
  parameters: 'layer=<Layer ID> | model=<Model ID>, [fitRun=<FitRun ID>]',
  scope: 'layer-or-model',
  async *rows(ctx, params) {
    const { layers, run } = await layersAndRun(ctx, params);
    const bins = await ctx.loaders.densityBinsOfRun.load(run.id);
    for (const layer of layers) {
      const robustness = await ctx.loaders.binRobustness.load({ modelId: run.modelId, runId: run.id, layerId: layer.id });
      for (const row of bins.filter((r) => r.layerId === layer.id)) {
        const { bin: _bin, ...stats } = robustness[row.bin] ?? { certifiedCount: 0, meanRadius: null, sdRadius: null, abstainRate: null, smoothedAccuracy: null };
        yield { layer: layer.name, bin: row.bin, ...row.stats, ...stats };
      }
    }
  },
};

/** Layer × layer similarity of a run: one row per (layer, other layer), CKA and Procrustes (docs/method.md I). */
const layerSimilarity: ExportTable = {
  columns: ['layer', 'otherLayer', 'cka', 'procrustes', 'exampleCount'],
  parameters: 'layer=<Layer ID> | model=<Model ID>, [fitRun=<FitRun ID>]',
  scope: 'layer-or-model',
  async *rows(ctx, params) {
    const { layers, run } = await layersAndRun(ctx, params);
    const view = await layerSimilarityOf(ctx, run);
    if (!view) return;
    const wanted = new Set(layers.map((l) => l.id));
    for (const [i, layer] of view.layers.entries()) {
      if (!wanted.has(layer.id)) continue;
      for (const [j, other] of view.layers.entries()) {
        yield { layer: layer.name, otherLayer: other.name, cka: view.cka[i][j], procrustes: view.procrustes[i][j], exampleCount: view.exampleCount };
      }
    }
  },
};

/** Rows of a per-(run, layer) table for every selected layer, with the layer's name. */
function perLayer<R extends { layerId: number }>(
  columns: readonly string[],
  load: (ctx: ReadContext, runId: number) => Promise<R[]>,
  toRow: (row: R) => Record<string, unknown>,
): ExportTable {
  return {
    columns: ['layer', ...columns],
    parameters: 'layer=<Layer ID> | model=<Model ID>, [fitRun=<FitRun ID>]',
    scope: 'layer-or-model',
    async *rows(ctx, params) {
      const { layers, run } = await layersAndRun(ctx, params);
      const rows = await load(ctx, run.id);
      for (const layer of layers) for (const row of rows.filter((r) => r.layerId === layer.id)) yield { layer: layer.name, ...toRow(row) };
    },
  };
}

/** Every export by URL name (`/export/<name>.csv|json`). */
export const EXPORT_TABLES: Readonly<Record<string, ExportTable>> = {
  models,
  'class-fits': classFits,
  'example-scores': exampleScores,
  'kl-matrix': klMatrix,
  'layer-similarity': layerSimilarity,
  genclass: perLayer(['subset', 'exampleCount', 'f1Mean', 'f1Sd', 'accuracy'], (ctx, id) => ctx.loaders.genclassOfRun.load(id), (r) => ({
    subset: r.subset,
    exampleCount: r.exampleCount,
    f1Mean: r.f1Mean,
    f1Sd: r.f1Sd,
    accuracy: r.accuracy,
  })),
  'density-bins': densityBins,
  'group-splits': perLayer(
    [
      'threshold', 'gap', 'lowCount', 'highCount', 'passes', 'modesPValue', 'criticalBandwidth', 'gapLow', 'gapHigh', 'sdRatio', 'sdRatioLow', 'sdRatioHigh',
      'stability', 'intervalLevel', 'chains', 'chainGaps', 'chainsAgreeing',
    ],
    (ctx, id) => ctx.loaders.groupSplitsOfRun.load(id),
    (r) => ({
      threshold: r.threshold,
      gap: r.gap,
      lowCount: r.lowCount,
      highCount: r.highCount,
      passes: splitPasses(r.modesPValue),
      modesPValue: r.modesPValue,
      criticalBandwidth: r.criticalBandwidth,
      gapLow: r.gapLow,
      gapHigh: r.gapHigh,
      sdRatio: r.sdRatio,
      sdRatioLow: r.sdRatioLow,
      sdRatioHigh: r.sdRatioHigh,
      stability: r.stability,
      intervalLevel: r.intervalLevel,
      chains: r.chainGaps?.length ?? null,
      chainGaps: r.chainGaps,
      chainsAgreeing: r.chainsAgreeing,
    }),
  ),
};
