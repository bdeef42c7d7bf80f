/** Models compared layer by layer, aligned by relative depth to a baseline (the API does the alignment). */
import type { ApiStatistic } from '@/lib/statistics';
import { gql, graphql, orNotFound } from './client';
import type { GroupSplitData } from './model';

export interface ComparedModel {
  id: string;
  name: string;
  accuracy: number | null;
  layerCount: number;
  classCount: number;
  architecture: { name: string; family: string };
  dataset: { name: string; classes: { nodes: { label: number; name: string }[] } };
}

export interface AlignedEntry {
  model: { id: string };
  layer: { id: string; name: string; index: number; relativeDepth: number } | null;
  mean: number | null;
  sd: number | null;
  delta: number | null;
  values: (number | null)[];
  groupSplit: GroupSplitData | null;
  groupAgreement: number | null;
}

export interface Comparison {
  statistic: ApiStatistic;
  models: ComparedModel[];
  depths: { relativeDepth: number; entries: AlignedEntry[] }[];
}

const COMPARE = graphql`
  query DashboardCompare($ids: [ID!]!, $statistic: ClassStatistic!) {
    compareModels(ids: $ids, statistic: $statistic) {
      statistic
      models {
        id name accuracy layerCount classCount
        architecture { name family }
        dataset { name classes(first: 100) { nodes { label name } } }
      }
      depths {
        relativeDepth
        entries {
          model { id }
          layer { id name index relativeDepth }
          mean sd delta values groupAgreement
          groupSplit { threshold gap lowCount highCount lowLabels highLabels }
        }
      }
    }
  }
`;

/** The comparison of `ids` (baseline first) on one statistic; null when one of the ids names no model. */
export async function fetchComparison(ids: readonly string[], statistic: ApiStatistic): Promise<Comparison | null> {
  return (await orNotFound(gql<{ compareModels: Comparison }>(COMPARE, { ids, statistic })))?.compareModels ?? null;
}

const CHOICES = graphql`
  query DashboardCompareChoices {
    models(first: 100, orderBy: { field: ARCHITECTURE, direction: ASC }) {
      totalCount
      nodes { id name architecture { name } dataset { name } status }
    }
  }
`;

export interface ModelChoice {
  id: string;
  name: string;
  architecture: { name: string };
  dataset: { name: string };
  status: string | null;
}

/** Models to choose from (first 100 by architecture). */
export async function fetchModelChoices(): Promise<{ totalCount: number; nodes: ModelChoice[] }> {
  return (await gql<{ models: { totalCount: number; nodes: ModelChoice[] } }>(CHOICES)).models;
}
