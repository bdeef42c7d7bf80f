/** Models compared layer by layer, aligned by relative depth to a baseline (the API does the alignment). */
import { graphql } from '@/gql';
import type { ClassStatistic, DashboardCompareChoicesQuery, DashboardCompareQuery, DashboardCrossSimilarityQuery, SimilarityMeasure } from '@/gql/graphql';
import { ApiError, gql, orNotFound } from './client';

export type Comparison = DashboardCompareQuery['compareModels'];
export type ComparedModel = Comparison['models'][number];
export type AlignedEntry = Comparison['depths'][number]['entries'][number];
export type ModelChoices = DashboardCompareChoicesQuery['models'];
export type ModelChoice = ModelChoices['nodes'][number];

const COMPARE = graphql(`
  query DashboardCompare($ids: [ID!]!, $statistic: ClassStatistic!, $fitRuns: [ID!]) {
    compareModels(ids: $ids, statistic: $statistic, fitRuns: $fitRuns) {
      statistic
      models {
        id name accuracy layerCount classCount
        architecture { name family }
        dataset { name classes(first: 100) { nodes { label name } } }
        fitRuns(first: 50) { nodes { id status createdAt config } }
      }
      depths {
        relativeDepth
        entries {
          model { id }
          layer { id name index relativeDepth }
          fitRun { id createdAt config }
          mean sd delta values groupAgreement cka ckaUnavailable
          groupSplit { ...DashboardGroupSplit }
        }
      }
    }
  }
`);

/**
 * The comparison of `ids` (baseline first) on one statistic, each model from its run in `fitRuns` (or, without
 * one, each layer's newest that fitted it); null when one of the ids names no model.
 */
export async function fetchComparison(ids: readonly string[], statistic: ClassStatistic, fitRuns: readonly string[] = []): Promise<Comparison | null> {
  return (await orNotFound(gql(COMPARE, { ids: [...ids], statistic, fitRuns: fitRuns.length ? [...fitRuns] : null })))?.compareModels ?? null;
}

const RUN_MODELS = graphql(`
  query DashboardRunModels($ids: [ID!]!) {
    nodes(ids: $ids) { ... on FitRun { id model { id } } }
  }
`);

/**
 * The runs of `runIds` that belong to one of `modelIds`: a shared URL may still name the run of a model since
 * taken out of the comparison (the picker keeps `runs`), which the API would refuse.
 */
export async function runsOfModels(runIds: readonly string[], modelIds: readonly string[]): Promise<string[]> {
  if (runIds.length === 0) return [];
  const { nodes } = await gql(RUN_MODELS, { ids: [...runIds] });
  return nodes.flatMap((node) => (node && 'model' in node && modelIds.includes(node.model.id) ? [node.id] : []));
}

export type CrossSimilarity = DashboardCrossSimilarityQuery['crossModelSimilarity'];

const CROSS_SIMILARITY = graphql(`
  query DashboardCrossSimilarity($a: ID!, $b: ID!, $measure: SimilarityMeasure!) {
    crossModelSimilarity(a: $a, b: $b, measure: $measure) {
      measure exampleCount
      rows { id name }
      columns { id name }
      values
    }
  }
`);

/**
 * Every layer of model `a` against every layer of `b` on their shared examples; `{ unavailable }` with the API's
 * reason when it refuses (different example sets, over the request budget) — a note on the page, not an error page.
 */
export async function fetchCrossSimilarity(a: string, b: string, measure: SimilarityMeasure): Promise<CrossSimilarity | { unavailable: string }> {
  try {
    return (await gql(CROSS_SIMILARITY, { a, b, measure })).crossModelSimilarity;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') return { unavailable: error.message.replace(/^[a-zA-Z]+: /, '') };
    throw error;
  }
}

const CHOICES = graphql(`
  query DashboardCompareChoices {
    models(first: 100, orderBy: { field: ARCHITECTURE, direction: ASC }) {
      totalCount
      nodes { id name architecture { name } dataset { name } status }
    }
  }
`);

/** Models to choose from (first 100 by architecture). */
export async function fetchModelChoices(): Promise<ModelChoices> {
  return (await gql(CHOICES)).models;
}
