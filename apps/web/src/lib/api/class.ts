/** One class of a model: its most and least memorized examples, and its nearest classes by KL at a layer. */
import { gql, graphql } from './client';

export interface ExampleRow {
  index: number;
  split: string;
  memorization: number | null;
  memorizationSe: number | null;
  robustness: number | null;
}

export interface ClassExamples {
  id: string;
  most: { totalCount: number; nodes: ExampleRow[] };
  least: { totalCount: number; nodes: ExampleRow[] };
}

const EXAMPLES = graphql`
  query DashboardClassExamples($id: ID!, $label: Int!, $first: Int!) {
    model(id: $id) {
      id
      most: examples(first: $first, filter: { label: [$label] }, orderBy: { field: MEMORIZATION, direction: DESC }) {
        totalCount nodes { index split memorization memorizationSe robustness }
      }
      least: examples(first: $first, filter: { label: [$label] }, orderBy: { field: MEMORIZATION, direction: ASC }) {
        totalCount nodes { index split memorization memorizationSe robustness }
      }
    }
  }
`;

/** The `first` most and least memorized examples of a class. */
export async function fetchClassExamples(modelId: string, label: number, first = 12): Promise<ClassExamples | null> {
  return (await gql<{ model: ClassExamples | null }>(EXAMPLES, { id: modelId, label, first })).model;
}

const NEAREST = graphql`
  query DashboardClassNearest($layerId: ID!, $label: Int!, $k: Int!) {
    layer(id: $layerId) {
      id name
      klMatrices { subset nearest(label: $label, k: $k) { label kl } }
    }
  }
`;

export interface NearestClasses {
  id: string;
  name: string;
  klMatrices: { subset: string; nearest: { label: number; kl: number }[] }[];
}

/** The `k` classes with the smallest KL(class ‖ other) at a layer, per subset. */
export async function fetchNearestClasses(layerId: string, label: number, k = 8): Promise<NearestClasses | null> {
  return (await gql<{ layer: NearestClasses | null }>(NEAREST, { layerId, label, k })).layer;
}
