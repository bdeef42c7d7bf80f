/** One class of a model: its most and least memorized examples, and its nearest and farthest classes by KL at a layer. */
import { graphql } from '@/gql';
import type { DashboardClassExamplesQuery, DashboardClassNeighboursQuery, DashboardExampleFragment } from '@/gql/graphql';
import { gql } from './client';

/** An example as the Class page lists it; `logDensity` is at the requested layer, `thumbnail` a PNG `data:` URL or null. */
export type ExampleRow = DashboardExampleFragment;
export type ClassExamples = NonNullable<DashboardClassExamplesQuery['model']>;
export type KlNeighbours = NonNullable<DashboardClassNeighboursQuery['layer']>;
/** A class and its KL divergence from the page's class. */
export type KlNeighbour = KlNeighbours['klMatrices'][number]['nearest'][number];

// Kept apart (thumbnail-size.ts) so client components can use it without this module's server-only API client.
import { THUMBNAIL_SIZE } from '../thumbnail-size';
export { THUMBNAIL_SIZE };

graphql(`
  fragment DashboardExample on Example {
    index split memorization memorizationSe robustness logDensity(layer: $layer) thumbnail(size: $size)
  }
`);

const EXAMPLES = graphql(`
  query DashboardClassExamples($id: ID!, $label: Int!, $first: Int!, $layer: ID, $size: Int!) {
    model(id: $id) {
      id
      most: examples(first: $first, filter: { label: [$label] }, orderBy: { field: MEMORIZATION, direction: DESC }) {
        totalCount nodes { ...DashboardExample }
      }
      least: examples(first: $first, filter: { label: [$label] }, orderBy: { field: MEMORIZATION, direction: ASC }) {
        totalCount nodes { ...DashboardExample }
      }
    }
  }
`);

/**
 * The `first` most and least memorized examples of a class, with their thumbnails and their own-class
 * log-density at `layerId` (the model's deepest layer when absent).
 */
export async function fetchClassExamples(modelId: string, label: number, first = 12, layerId?: string): Promise<ClassExamples | null> {
  return (await gql(EXAMPLES, { id: modelId, label, first, layer: layerId ?? null, size: THUMBNAIL_SIZE })).model ?? null;
}

const NEIGHBOURS = graphql(`
  query DashboardClassNeighbours($layerId: ID!, $label: Int!, $k: Int!) {
    layer(id: $layerId) {
      id name
      klMatrices { subset nearest(label: $label, k: $k) { label kl } farthest(label: $label, k: $k) { label kl } }
    }
  }
`);

/** The `k` classes with the smallest and the largest KL(class ‖ other) at a layer, per subset. */
export async function fetchKlNeighbours(layerId: string, label: number, k = 8): Promise<KlNeighbours | null> {
  return (await gql(NEIGHBOURS, { layerId, label, k })).layer ?? null;
}
