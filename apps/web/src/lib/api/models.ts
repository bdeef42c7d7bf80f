/** The Models table's data: one page of models under a filter and order (either direction), and the filter facets. */
import type { ModelFilter, ModelView } from '@/lib/model-filters';
import { toModelFilter, toModelOrder, toPageWindow } from '@/lib/model-filters';
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
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  nodes: ModelRow[];
}

const MODELS = graphql`
  query DashboardModels($first: Int, $after: String, $last: Int, $before: String, $filter: ModelFilter, $orderBy: ModelOrder) {
    models(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes {
        id name accuracy tags layerCount classCount status createdAt
        architecture { name family }
        dataset { name }
      }
    }
  }
`;

/** One page of models: `first` after a page's `endCursor`, or `last` before its `startCursor`. */
export async function fetchModelPage(
  filter: ModelFilter | undefined,
  orderBy: ReturnType<typeof toModelOrder>,
  window: ReturnType<typeof toPageWindow>,
): Promise<ModelPage> {
  const data = await gql<{ models: ModelPage }>(MODELS, { first: null, after: null, last: null, before: null, ...window, filter: filter ?? null, orderBy });
  return data.models;
}

/** The page of the view in the URL (the first one, or the one after/before its cursor). */
export function fetchModelView(view: ModelView): Promise<ModelPage> {
  return fetchModelPage(toModelFilter(view), toModelOrder(view), toPageWindow(view));
}

const FACETS = graphql`
  query DashboardModelFacets {
    architectures(first: 100) { nodes { name family modelCount } }
    datasets(first: 100) { nodes { name classCount } }
    tags { name modelCount }
  }
`;

export interface ModelFacets {
  architectures: { nodes: { name: string; family: string; modelCount: number }[] };
  datasets: { nodes: { name: string; classCount: number }[] };
  tags: { name: string; modelCount: number }[];
}

/** The architectures, datasets and tags to filter by. */
export function fetchModelFacets(): Promise<ModelFacets> {
  return gql<ModelFacets>(FACETS);
}
