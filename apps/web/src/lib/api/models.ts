/** The Models table's data: one page of models under a filter and order, and the filter facets. */
import type { ModelFilter, ModelView } from '@/lib/model-filters';
import { toModelFilter, toModelOrder } from '@/lib/model-filters';
import { gql, graphql } from './client';

export interface ModelRow {
  id: string;
  name: string;
  accuracy: number | null;
  tags: string[];
  layerCount: number;
  classCount: number;
  status: string | null;
  createdAt: string;
  architecture: { name: string; family: string };
  dataset: { name: string };
}

export interface ModelPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: ModelRow[];
}

const MODELS = graphql`
  query DashboardModels($first: Int!, $after: String, $filter: ModelFilter, $orderBy: ModelOrder) {
    models(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id name accuracy tags layerCount classCount status createdAt
        architecture { name family }
        dataset { name }
      }
    }
  }
`;

/** One page of models; `after` is the previous page's `endCursor`. */
export async function fetchModelPage(filter: ModelFilter | undefined, orderBy: ReturnType<typeof toModelOrder>, first: number, after?: string): Promise<ModelPage> {
  const data = await gql<{ models: ModelPage }>(MODELS, { first, after: after ?? null, filter: filter ?? null, orderBy });
  return data.models;
}

/** The first page of the view in the URL. */
export function fetchModelView(view: ModelView): Promise<ModelPage> {
  return fetchModelPage(toModelFilter(view), toModelOrder(view), view.first);
}

const FACETS = graphql`
  query DashboardModelFacets {
    architectures(first: 100) { nodes { name family modelCount } }
    datasets(first: 100) { nodes { name classCount } }
  }
`;

export interface ModelFacets {
  architectures: { nodes: { name: string; family: string; modelCount: number }[] };
  datasets: { nodes: { name: string; classCount: number }[] };
}

/** The architectures and datasets to filter by. */
export function fetchModelFacets(): Promise<ModelFacets> {
  return gql<ModelFacets>(FACETS);
}
