/** One class of a model: its most and least memorized examples, and its nearest and farthest classes by KL at a layer. */
import { gql, graphql } from './client';

export interface ExampleRow {
  index: number;
  split: string;
  memorization: number | null;
  memorizationSe: number | null;
  robustness: number | null;
  /** Own-class log-density at the requested layer (the model's deepest by default); null before an analysis. */
  logDensity: number | null;
  /** The example's image as a PNG `data:` URL, null when the model was imported without images. */
  thumbnail: string | null;
}

/** Side of the example thumbnails the Class page asks for, CSS pixels (28-px Fashion-MNIST images at 2×). */
export const THUMBNAIL_SIZE = 56;

export interface ClassExamples {
  id: string;
  most: { totalCount: number; nodes: ExampleRow[] };
  least: { totalCount: number; nodes: ExampleRow[] };
}

const EXAMPLES = graphql`
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
  fragment DashboardExample on Example {
    index split memorization memorizationSe robustness logDensity(layer: $layer) thumbnail(size: $size)
  }
`;

/**
 * The `first` most and least memorized examples of a class, with their thumbnails and their own-class
 * log-density at `layerId` (the model's deepest layer when absent).
 */
export async function fetchClassExamples(modelId: string, label: number, first = 12, layerId?: string): Promise<ClassExamples | null> {
  return (await gql<{ model: ClassExamples | null }>(EXAMPLES, { id: modelId, label, first, layer: layerId ?? null, size: THUMBNAIL_SIZE })).model;
}

const NEIGHBOURS = graphql`
  query DashboardClassNeighbours($layerId: ID!, $label: Int!, $k: Int!) {
    layer(id: $layerId) {
      id name
      klMatrices { subset nearest(label: $label, k: $k) { label kl } farthest(label: $label, k: $k) { label kl } }
    }
  }
`;

/** A class and its KL divergence from the page's class. */
export interface KlNeighbour {
  label: number;
  kl: number;
}

export interface KlNeighbours {
  id: string;
  name: string;
  klMatrices: { subset: string; nearest: KlNeighbour[]; farthest: KlNeighbour[] }[];
}

/** The `k` classes with the smallest and the largest KL(class ‖ other) at a layer, per subset. */
export async function fetchKlNeighbours(layerId: string, label: number, k = 8): Promise<KlNeighbours | null> {
  return (await gql<{ layer: KlNeighbours | null }>(NEIGHBOURS, { layerId, label, k })).layer;
}
