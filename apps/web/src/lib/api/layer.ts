/** One layer's analyses: per-class fits, its split, density bins, KL matrices, and per-layer summaries of its model. */
import { graphql } from '@/gql';
import type {
  DashboardClassTracesQuery,
  DashboardLayerBinsQuery,
  DashboardLayerClassFitsQuery,
  DashboardLayerKlQuery,
  DashboardLayerQuery,
  DashboardModelLayerSummariesQuery,
} from '@/gql/graphql';
import { cache } from 'react';
import { gql, orNotFound } from './client';

export type LayerInfo = NonNullable<DashboardLayerQuery['layer']>;
type ClassFitPage = NonNullable<DashboardLayerClassFitsQuery['layer']>['classFits'];
export type ClassFitRow = ClassFitPage['nodes'][number];
export type DensityBinData = NonNullable<DashboardLayerBinsQuery['layer']>['densityBins']['nodes'][number];
export type KLMatrixData = NonNullable<DashboardLayerKlQuery['layer']>['klMatrices'][number];
export type LayerSummaryRow = NonNullable<DashboardModelLayerSummariesQuery['model']>['layers']['nodes'][number];
export type ClassTraces = NonNullable<DashboardClassTracesQuery['classFit']>;

const LAYER = graphql(`
  query DashboardLayer($id: ID!, $run: ID) {
    layer(id: $id) {
      id name index relativeDepth dim reducedDim svd { components varianceFraction }
      fitRun(fitRun: $run) { id status createdAt finishedAt config }
      model {
        id name
        architecture { name }
        dataset { name classes(first: 100) { nodes { label name } } }
        latestFitRun { id config }
        layers(first: 100) { nodes { id name index } }
        fitRuns(first: 50) { nodes { id status createdAt config } }
      }
      groupSplit(fitRun: $run) { ...DashboardGroupSplit }
    }
  }
`);

/** The layer and its model's outline, or null when there is no such layer. */
export const fetchLayer = cache(async (id: string, run?: string): Promise<LayerInfo | null> => {
  return (await orNotFound(gql(LAYER, { id, run: run ?? null })))?.layer ?? null;
});

const CLASS_FITS = graphql(`
  query DashboardLayerClassFits($id: ID!, $after: String, $run: ID) {
    layer(id: $id) {
      id
      classFits(first: 100, after: $after, orderBy: { field: LABEL, direction: ASC }, fitRun: $run) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          id label n meanLogDensity sdLogDensity relativeEntropy meanDistance group meanClusterCount
          diagnostics { rHat clusterCountRHat chains sweeps }
          chainSpread { chains meanLogDensities meanLogDensitySd relativeEntropies relativeEntropySd groupAgreement }
          heldOutDensity { count inSampleMeanLogDensity heldOutMeanLogDensity gap }
        }
      }
    }
  }
`);

/** Every class fit of the layer (of `run`, else the newest run that fitted it), following the connection's pages. */
export const fetchClassFits = cache(async (id: string, run?: string): Promise<ClassFitRow[]> => {
  const rows: ClassFitRow[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const data: DashboardLayerClassFitsQuery = await gql(CLASS_FITS, { id, after, run: run ?? null });
    if (!data.layer) return rows;
    rows.push(...data.layer.classFits.nodes);
    if (!data.layer.classFits.pageInfo.hasNextPage) break;
    after = data.layer.classFits.pageInfo.endCursor ?? null;
  }
  return rows;
});

const BINS = graphql(`
  query DashboardLayerBins($id: ID!, $run: ID) {
    layer(id: $id) {
      id
      densityBins(first: 100, fitRun: $run) {
        totalCount
        nodes { index count logDensityMean logDensitySd memorizationMean memorizationSd highDensityShare certifiedCount meanRadius sdRadius abstainRate smoothedAccuracy }
      }
    }
  }
`);

/** The layer's density bins (paper: 50 bins of 1,000 examples), lowest density first. */
export const fetchDensityBins = cache(async (id: string, run?: string): Promise<DensityBinData[]> => {
  const data = await gql(BINS, { id, run: run ?? null });
  return data.layer?.densityBins.nodes ?? [];
});

const KL = graphql(`
  query DashboardLayerKL($id: ID!, $subset: String, $run: ID) {
    layer(id: $id) {
      id
      klMatrices(subset: $subset, fitRun: $run) { subset labels matrix { dtype shape data } mean sd }
    }
  }
`);

/** The layer's between-class KL matrices, of one subset or all. */
export const fetchKLMatrices = cache(async (id: string, subset?: string, run?: string): Promise<KLMatrixData[]> => {
  const data = await gql(KL, { id, subset: subset ?? null, run: run ?? null });
  return data.layer?.klMatrices ?? [];
});

const SUMMARIES = graphql(`
  query DashboardModelLayerSummaries($id: ID!) {
    model(id: $id) {
      id
      layers(first: 100) {
        nodes {
          id name index relativeDepth
          klMatrices { subset mean sd }
          generativeClassification { subset f1Mean f1Sd accuracy exampleCount }
        }
      }
    }
  }
`);

/** Per layer of a model: KL summary and generative-classification F1 per subset (Figs. 4 and A.11). */
export const fetchLayerSummaries = cache(async (modelId: string): Promise<LayerSummaryRow[]> => {
  const data = await gql(SUMMARIES, { id: modelId });
  return data.model?.layers.nodes ?? [];
});

const TRACES = graphql(`
  query DashboardClassTraces($id: ID!, $maxPoints: Int!) {
    classFit(id: $id) {
      id label
      diagnostics {
        rHat clusterCountRHat chains sweeps
        clusterCounts(maxPoints: $maxPoints) { chain series { totalPoints x y } }
        logLikelihoods(maxPoints: $maxPoints) { chain series { totalPoints x y } }
      }
    }
  }
`);

/** A class fit's cluster-count and log-likelihood traces, downsampled by the API to `maxPoints` per chain. */
export const fetchClassTraces = cache(async (classFitId: string, maxPoints = 400): Promise<ClassTraces | null> => {
  return (await gql(TRACES, { id: classFitId, maxPoints })).classFit ?? null;
});
