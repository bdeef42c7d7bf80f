/** A model's overview: facts, its latest run, and the layer × class matrix of one statistic. */
import type { ApiStatistic } from '@/lib/statistics';
import { cache } from 'react';
import { gql, graphql, orNotFound } from './client';

export interface GroupSplitData {
  threshold: number;
  gap: number;
  lowCount: number;
  highCount: number;
  lowLabels: number[];
  highLabels: number[];
}

export interface LayerSummary {
  id: string;
  name: string;
  index: number;
  relativeDepth: number;
  dim: number;
  reducedDim: number | null;
  svd: { components: number; varianceFraction: number } | null;
}

export interface FitRunSummary {
  id: string;
  status: string;
  backend: string | null;
  seed: number | null;
  config: Record<string, unknown>;
  timings: Record<string, unknown> | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { fraction: number | null; phase: string | null } | null;
}

export interface ModelInfo {
  id: string;
  name: string;
  seed: number | null;
  accuracy: number | null;
  tags: string[];
  notes: string | null;
  createdAt: string;
  layerCount: number;
  classCount: number;
  status: string | null;
  project: { name: string };
  architecture: { name: string; family: string; depth: number | null };
  dataset: { name: string; classCount: number; classes: { nodes: { label: number; name: string }[] } };
  latestFitRun: FitRunSummary | null;
  layers: { nodes: LayerSummary[] };
}

const MODEL = graphql`
  query DashboardModel($id: ID!) {
    model(id: $id) {
      id name seed accuracy tags notes createdAt layerCount classCount status
      project { name }
      architecture { name family depth }
      dataset { name classCount classes(first: 100) { nodes { label name } } }
      latestFitRun { id status backend seed config timings error createdAt startedAt finishedAt progress { fraction phase } }
      layers(first: 100) { nodes { id name index relativeDepth dim reducedDim svd { components varianceFraction } } }
    }
  }
`;

/** The model, or null when there is none with this id. */
export const fetchModel = cache(async (id: string): Promise<ModelInfo | null> => {
  return (await orNotFound(gql<{ model: ModelInfo | null }>(MODEL, { id })))?.model ?? null;
});

export interface HeatmapData {
  statistic: ApiStatistic;
  labels: number[];
  rows: { layer: { id: string; name: string; index: number; relativeDepth: number }; values: (number | null)[]; groupSplit: GroupSplitData | null }[];
}

const HEATMAP = graphql`
  query DashboardModelHeatmap($id: ID!, $statistic: ClassStatistic!) {
    model(id: $id) {
      id
      heatmap(statistic: $statistic) {
        statistic labels
        rows {
          layer { id name index relativeDepth }
          values
          groupSplit { threshold gap lowCount highCount lowLabels highLabels }
        }
      }
    }
  }
`;

/** The layer × class matrix of a statistic in the latest run; null when the model has no fits yet. */
export const fetchHeatmap = cache(async (id: string, statistic: ApiStatistic): Promise<HeatmapData | null> => {
  const data = await gql<{ model: { heatmap: HeatmapData | null } | null }>(HEATMAP, { id, statistic });
  return data.model?.heatmap ?? null;
});

/** Class names by label (the label itself when the dataset has none). */
export function classNames(model: { dataset: { classes: { nodes: { label: number; name: string }[] } } }): (label: number) => string {
  const names = new Map(model.dataset.classes.nodes.map((c) => [c.label, c.name]));
  return (label) => names.get(label) ?? String(label);
}
