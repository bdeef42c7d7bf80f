/** The Models table's data: one page of models under a filter and order (either direction), and the filter facets. */
import { graphql } from '@/gql';
import type { DashboardModelFacetsQuery, DashboardModelsQuery, ModelFilter, ModelOrder } from '@/gql/graphql';
import type { ModelView } from '@/lib/model-filters';
import { toModelFilter, toModelOrder, toPageWindow } from '@/lib/model-filters';
import { gql } from './client';

export type ModelPage = DashboardModelsQuery['models'];
export type ModelRow = ModelPage['nodes'][number];
export type ModelFacets = DashboardModelFacetsQuery;

const MODELS = graphql(`
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
`);

/** One page of models: `first` after a page's `endCursor`, or `last` before its `startCursor`. */
export async function fetchModelPage(
  filter: ModelFilter | undefined,
  orderBy: ModelOrder,
  window: ReturnType<typeof toPageWindow>,
): Promise<ModelPage> {
  const data = await gql(MODELS, { first: null, after: null, last: null, before: null, ...window, filter: filter ?? null, orderBy });
  return data.models;
}

/** The page of the view in the URL (the first one, or the one after/before its cursor). */
export function fetchModelView(view: ModelView): Promise<ModelPage> {
  return fetchModelPage(toModelFilter(view), toModelOrder(view), toPageWindow(view));
}

const FACETS = graphql(`
  query DashboardModelFacets {
    architectures(first: 100) { nodes { name family modelCount } }
    datasets(first: 100) { nodes { name classCount } }
    tags { name modelCount }
  }
`);

/** The architectures, datasets and tags to filter by. */
export function fetchModelFacets(): Promise<ModelFacets> {
  return gql(FACETS);
}
