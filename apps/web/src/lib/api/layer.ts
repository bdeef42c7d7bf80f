/** One layer's analyses: per-class fits, its split, density bins, KL matrices, and per-layer summaries of its model. */
import type { NumericArray } from '@/lib/numeric-array';
import { cache } from 'react';
import { gql, graphql, orNotFound } from './client';
import type { GroupSplitData, LayerSummary } from './model';

export interface ClassFitRow {
  id: string;
  label: number;
  n: number;
  meanLogDensity: number | null;
  sdLogDensity: number | null;
  relativeEntropy: number | null;
  meanDistance: number | null;
  group: 'LOW' | 'HIGH' | null;
  meanClusterCount: number | null;
  diagnostics: { rHat: number | null; chains: number; sweeps: number } | null;
}

export interface LayerInfo extends LayerSummary {
  model: {
    id: string;
    name: string;
    architecture: { name: string };
    dataset: { name: string; classes: { nodes: { label: number; name: string }[] } };
    latestFitRun: { id: string; config: Record<string, unknown> } | null;
    layers: { nodes: { id: string; name: string; index: number }[] };
  };
  groupSplit: GroupSplitData | null;
}

const LAYER = graphql`
  query DashboardLayer($id: ID!) {
    layer(id: $id) {
      id name index relativeDepth dim reducedDim svd { components varianceFraction }
      model {
        id name
        architecture { name }
        dataset { name classes(first: 100) { nodes { label name } } }
        latestFitRun { id config }
        layers(first: 100) { nodes { id name index } }
      }
      groupSplit { threshold gap lowCount highCount lowLabels highLabels }
    }
  }
`;

/** The layer and its model's outline, or null when there is no such layer. */
export const fetchLayer = cache(async (id: string): Promise<LayerInfo | null> => {
  return (await orNotFound(gql<{ layer: LayerInfo | null }>(LAYER, { id })))?.layer ?? null;
});

const CLASS_FITS = graphql`
  query DashboardLayerClassFits($id: ID!, $after: String) {
    layer(id: $id) {
      id
      classFits(first: 100, after: $after, orderBy: { field: LABEL, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          id label n meanLogDensity sdLogDensity relativeEntropy meanDistance group meanClusterCount
          diagnostics { rHat chains sweeps }
        }
      }
    }
  }
`;

interface ClassFitPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: ClassFitRow[];
}

/** Every class fit of the layer (latest run), following the connection's pages. */
export const fetchClassFits = cache(async (id: string): Promise<ClassFitRow[]> => {
  const rows: ClassFitRow[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const data: { layer: { classFits: ClassFitPage } | null } = await gql(CLASS_FITS, { id, after });
    if (!data.layer) return rows;
    rows.push(...data.layer.classFits.nodes);
    if (!data.layer.classFits.pageInfo.hasNextPage) break;
    after = data.layer.classFits.pageInfo.endCursor;
  }
  return rows;
});

export interface DensityBinData {
  index: number;
  count: number;
  logDensityMean: number | null;
  logDensitySd: number | null;
  memorizationMean: number | null;
  memorizationSd: number | null;
  highDensityShare: number | null;
  /** Certified examples in the bin (randomized smoothing); 0 when the model was not certified. */
  certifiedCount: number;
  meanRadius: number | null;
  sdRadius: number | null;
  abstainRate: number | null;
  smoothedAccuracy: number | null;
}

const BINS = graphql`
  query DashboardLayerBins($id: ID!) {
    layer(id: $id) {
      id
      densityBins(first: 100) {
        totalCount
        nodes { index count logDensityMean logDensitySd memorizationMean memorizationSd highDensityShare certifiedCount meanRadius sdRadius abstainRate smoothedAccuracy }
      }
    }
  }
`;

/** The layer's density bins (paper: 50 bins of 1,000 examples), lowest density first. */
export const fetchDensityBins = cache(async (id: string): Promise<DensityBinData[]> => {
  const data = await gql<{ layer: { densityBins: { nodes: DensityBinData[] } } | null }>(BINS, { id });
  return data.layer?.densityBins.nodes ?? [];
});

export interface KLMatrixData {
  subset: string;
  labels: number[];
  matrix: NumericArray | null;
  mean: number | null;
  sd: number | null;
}

const KL = graphql`
  query DashboardLayerKL($id: ID!, $subset: String) {
    layer(id: $id) {
      id
      klMatrices(subset: $subset) { subset labels matrix { dtype shape data } mean sd }
    }
  }
`;

/** The layer's between-class KL matrices, of one subset or all. */
export const fetchKLMatrices = cache(async (id: string, subset?: string): Promise<KLMatrixData[]> => {
  const data = await gql<{ layer: { klMatrices: KLMatrixData[] } | null }>(KL, { id, subset: subset ?? null });
  return data.layer?.klMatrices ?? [];
});

export interface LayerSummaryRow {
  id: string;
  name: string;
  index: number;
  relativeDepth: number;
  klMatrices: { subset: string; mean: number | null; sd: number | null }[];
  generativeClassification: { subset: string; f1Mean: number; f1Sd: number | null; accuracy: number | null; exampleCount: number | null }[];
}

const SUMMARIES = graphql`
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
`;

/** Per layer of a model: KL summary and generative-classification F1 per subset (Figs. 4 and A.11). */
export const fetchLayerSummaries = cache(async (modelId: string): Promise<LayerSummaryRow[]> => {
  const data = await gql<{ model: { layers: { nodes: LayerSummaryRow[] } } | null }>(SUMMARIES, { id: modelId });
  return data.model?.layers.nodes ?? [];
});

export interface ChainTraceData {
  chain: number;
  series: { totalPoints: number; x: number[]; y: number[] };
}

const TRACES = graphql`
  query DashboardClassTraces($id: ID!, $maxPoints: Int!) {
    classFit(id: $id) {
      id label
      diagnostics {
        rHat chains sweeps
        clusterCounts(maxPoints: $maxPoints) { chain series { totalPoints x y } }
        logLikelihoods(maxPoints: $maxPoints) { chain series { totalPoints x y } }
      }
    }
  }
`;

export interface ClassTraces {
  id: string;
  label: number;
  diagnostics: { rHat: number | null; chains: number; sweeps: number; clusterCounts: ChainTraceData[]; logLikelihoods: ChainTraceData[] } | null;
}

/** A class fit's cluster-count and log-likelihood traces, downsampled by the API to `maxPoints` per chain. */
export const fetchClassTraces = cache(async (classFitId: string, maxPoints = 400): Promise<ClassTraces | null> => {
  return (await gql<{ classFit: ClassTraces | null }>(TRACES, { id: classFitId, maxPoints })).classFit;
});
