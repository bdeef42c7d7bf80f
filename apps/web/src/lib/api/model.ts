/** A model's overview: facts, its latest run, and the layer × class matrix of one statistic. */
import { graphql } from '@/gql';
import type { ClassStatistic, DashboardLayerSimilarityQuery, DashboardModelHeatmapQuery, DashboardModelQuery, DashboardModelSubsetsQuery } from '@/gql/graphql';
import { cache } from 'react';
import { gql, orNotFound } from './client';

export type ModelInfo = NonNullable<DashboardModelQuery['model']>;
export type LayerSummary = ModelInfo['layers']['nodes'][number];
export type FitRunSummary = NonNullable<ModelInfo['latestFitRun']>;
export type LayerSimilarityData = NonNullable<NonNullable<DashboardLayerSimilarityQuery['model']>['layerSimilarity']>;
export type HeatmapData = NonNullable<NonNullable<DashboardModelHeatmapQuery['model']>['heatmap']>;

graphql(`
  fragment DashboardGroupSplit on GroupSplit {
    threshold gap lowCount highCount lowLabels highLabels chains chainGaps chainsAgreeing
    significance { passes level modesPValue gap { estimate low high } sdRatio { estimate low high } stability intervalLevel }
  }
`);

const MODEL = graphql(`
  query DashboardModel($id: ID!) {
    model(id: $id) {
      id name seed accuracy tags notes createdAt layerCount classCount status
      project { name }
      architecture { name family depth }
      dataset { name classCount classes(first: 100) { nodes { label name } } }
      latestFitRun { id status backend seed config timings error createdAt startedAt finishedAt progress { fraction phase } }
      layers(first: 100) { nodes { id name index relativeDepth dim reducedDim svd { components varianceFraction } } }
      fitRuns(first: 50) { nodes { id status createdAt config } }
    }
  }
`);

/** The model, or null when there is none with this id. */
export const fetchModel = cache(async (id: string): Promise<ModelInfo | null> => {
  return (await orNotFound(gql(MODEL, { id })))?.model ?? null;
});

const HEATMAP = graphql(`
  query DashboardModelHeatmap($id: ID!, $statistic: ClassStatistic!, $fitRun: ID) {
    model(id: $id) {
      id
      heatmap(statistic: $statistic, fitRun: $fitRun) {
        statistic labels
        rows {
          layer { id name index relativeDepth }
          fitRun { id createdAt config }
          values
          groupSplit { ...DashboardGroupSplit }
        }
      }
    }
  }
`);

/**
 * The layer × class matrix of a statistic from the run `fitRun` (or, without one, each layer's newest run that
 * fitted it); null when there are no fits.
 */
export const fetchHeatmap = cache(async (id: string, statistic: ClassStatistic, fitRun?: string | null): Promise<HeatmapData | null> => {
  const data = await gql(HEATMAP, { id, statistic, fitRun: fitRun ?? null });
  return data.model?.heatmap ?? null;
});

/** Class names by label (the label itself when the dataset has none). */
export function classNames(model: { dataset: { classes: { nodes: readonly { label: number; name: string }[] } } }): (label: number) => string {
  const names = new Map(model.dataset.classes.nodes.map((c) => [c.label, c.name]));
  return (label) => names.get(label) ?? String(label);
}

const SUBSETS = graphql(`
  query DashboardModelSubsets($id: ID!) {
    model(id: $id) { id memorizationSubsets { purpose name source exampleCount classCount rule } }
  }
`);

export type MemorizationSubsetInfo = NonNullable<DashboardModelSubsetsQuery['model']>['memorizationSubsets'][number];

/** The model's stored least/most/random subsets with the rule behind each. */
export const fetchMemorizationSubsets = cache(async (id: string): Promise<MemorizationSubsetInfo[]> => {
  return (await gql(SUBSETS, { id })).model?.memorizationSubsets ?? [];
});

const LAYER_SIMILARITY = graphql(`
  query DashboardLayerSimilarity($id: ID!, $fitRun: ID) {
    model(id: $id) { id layerSimilarity(fitRun: $fitRun) { layers { id name } cka procrustes exampleCount } }
  }
`);

/** The layer × layer CKA / Procrustes matrices of the run `fitRun` (default: the latest); null when it stored none. */
export const fetchLayerSimilarity = cache(async (id: string, fitRun?: string | null): Promise<LayerSimilarityData | null> => {
  return (await gql(LAYER_SIMILARITY, { id, fitRun: fitRun ?? null })).model?.layerSimilarity ?? null;
});
