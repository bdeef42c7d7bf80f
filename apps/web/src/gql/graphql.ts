/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Whether a server requires API tokens. */
export type AccessMode =
  /** No users configured: every caller is the local owner. */
  | 'OPEN'
  /** Every request needs an API token. */
  | 'TOKENS';

/** The two modes of class fitting: classes above or below the largest gap in mean log-density. */
export type ClassGroup =
  /** Above the threshold (higher mean log-density). */
  | 'HIGH'
  /** Below the threshold (lower mean log-density). */
  | 'LOW';

/** A per-class statistic of one layer's fitted densities. */
export type ClassStatistic =
  /** The class's cluster count: mean number of occupied clusters over the sweeps after burn-in (as `ClassFit.meanClusterCount`). */
  | 'CLUSTER_COUNT'
  /**
   * In-sample minus held-out mean log-density of the class under its generative-classification refit (as
   * `HeldOutDensity.gap`, docs/method.md G.1); null when nothing of the class was held out.
   */
  | 'HELD_OUT_GAP'
  /** Mean distance between the class's examples (paper Fig. 2). */
  | 'MEAN_DISTANCE'
  /** Mean log-density of the class's own examples under its own model (paper Fig. 1). */
  | 'MEAN_LOG_DENSITY'
  /** Between-chain standard deviation of the class's mean log-density (as `ChainSpread.meanLogDensitySd`; null with one chain). */
  | 'MEAN_LOG_DENSITY_CHAIN_SD'
  /** Relative entropy of the class model w.r.t. a diagonal Gaussian (paper Eq. 4, Fig. 2). */
  | 'RELATIVE_ENTROPY'
  /** Between-chain standard deviation of the class's relative entropy (as `ChainSpread.relativeEntropySd`; null with one chain). */
  | 'RELATIVE_ENTROPY_CHAIN_SD'
  /** Standard deviation of those log-densities. */
  | 'SD_LOG_DENSITY';

/** States of a fit run. */
export type FitRunStatus =
  /** Stopped on request. */
  | 'CANCELLED'
  /** Stopped by an error (see `error`). */
  | 'FAILED'
  /** Waiting for a worker. */
  | 'QUEUED'
  /** A worker is running it. */
  | 'RUNNING'
  /** Finished; every result is stored. */
  | 'SUCCEEDED';

/** Conditions on a number; all given conditions must hold. */
export type FloatFilter = {
  /** Greater than or equal to this value. */
  gte?: number | null | undefined;
  /** Less than or equal to this value. */
  lte?: number | null | undefined;
};

/** Conditions on models; all given conditions must hold, plus all of `and` and at least one of `or`. */
export type ModelFilter = {
  /** Test accuracy in [0, 1], bounds inclusive, e.g. `{ gte: 0.7 }`; models without an accuracy never match. */
  accuracy?: FloatFilter | null | undefined;
  /** All of these filters must hold. */
  and?: Array<ModelFilter> | null | undefined;
  /** Architecture name, e.g. `{ in: ["resnet18", "resnet50"] }`. */
  architecture?: StringFilter | null | undefined;
  /** Dataset name. */
  dataset?: StringFilter | null | undefined;
  /** Architecture family, e.g. `{ eq: "resnet" }`. */
  family?: StringFilter | null | undefined;
  /** Model name. */
  name?: StringFilter | null | undefined;
  /** At least one of these filters must hold. */
  or?: Array<ModelFilter> | null | undefined;
  /** Status of the model's most recent fit run. */
  status?: Array<FitRunStatus> | null | undefined;
  /** A tag the model carries (matches when any tag matches). */
  tag?: StringFilter | null | undefined;
};

/** Ordering options for models; equal values keep a fixed order (by model ID, in the same direction). */
export type ModelOrder = {
  /** The direction. */
  direction: OrderDirection;
  /** The field to order by. */
  field: ModelOrderField;
};

/** Properties by which models can be ordered. */
export type ModelOrderField =
  /** By test accuracy (models without one last). */
  | 'ACCURACY'
  /** By architecture name, then name. */
  | 'ARCHITECTURE'
  /** By number of classes of the dataset. */
  | 'CLASS_COUNT'
  /** By import time. */
  | 'CREATED_AT'
  /** By dataset name, then name. */
  | 'DATASET'
  /** By number of imported layers. */
  | 'LAYER_COUNT'
  /** By name. */
  | 'NAME'
  /**
   * By the status of the most recent fit run in lifecycle order: never analysed, queued, running, succeeded,
   * failed, cancelled.
   */
  | 'STATUS';

/** Possible directions in which to order a list of items. */
export type OrderDirection =
  /** Ascending order (smallest first). */
  | 'ASC'
  /** Descending order (largest first). */
  | 'DESC';

/**
 * A role in a project: VIEWER reads; EDITOR also imports, analyses, tags and cancels; ADMIN also manages users,
 * tokens and projects.
 */
export type Role =
  /** Also manages users, tokens and projects (and, on every project, imports from server paths). */
  | 'ADMIN'
  /** Also imports models, starts and cancels analyses, and tags models. */
  | 'EDITOR'
  /** Reads everything in the project. */
  | 'VIEWER';

/** How two layers' representations of the same examples are compared. */
export type SimilarityMeasure =
  /** Debiased linear CKA (Kornblith et al. 2019 with the unbiased HSIC): 1 for representations equal up to rotation, isotropic scaling and translation, near 0 for unrelated ones, may be slightly negative. */
  | 'CKA'
  /** Orthogonal Procrustes distance 2 − 2‖X̂ᵀŶ‖_* of the centred, unit-norm representations: 0 for representations equal up to rotation, isotropic scaling and translation, at most 2. */
  | 'PROCRUSTES';

/** Conditions on a text value; all given conditions must hold. */
export type StringFilter = {
  /** Contains this text, case-insensitively. */
  contains?: string | null | undefined;
  /** Equal to this value. */
  eq?: string | null | undefined;
  /** Equal to one of these values. */
  in?: Array<string> | null | undefined;
};

/** What a memorized subset is used for. */
export type SubsetPurpose =
  /** Held out of the density fit and classified generatively (docs/method.md G). */
  | 'GENCLASS'
  /** Per-class lists; a DP-GMM per class is fitted on them and compared by KL (docs/method.md F). */
  | 'KL';

/** Where a memorized subset came from. */
export type SubsetSource =
  /** Computed from the model's memorization scores. */
  | 'COMPUTED'
  /** An imported split file. */
  | 'FILE';

/** Stable machine-readable codes of the errors a mutation can report in `userErrors`. */
export type UserErrorCode =
  /** An input value is malformed, out of range or inconsistent. */
  | 'BAD_USER_INPUT'
  /** The object is in a state that does not allow the operation (e.g. cancelling a finished run). */
  | 'CONFLICT'
  /** An ID in the input refers to nothing. */
  | 'NOT_FOUND';

/** How a caller was recognised. */
export type ViewerKind =
  /** Nobody: no token was sent to a server that requires one. */
  | 'ANONYMOUS'
  /** The local owner of a server running open (no users configured, loopback or `--insecure-open`). */
  | 'OWNER'
  /** A user, by an API token. */
  | 'USER';

export type DashboardExampleFragment = { index: number, split: string, memorization: number | null, memorizationSe: number | null, robustness: number | null, logDensity: number | null, thumbnail: string | null };

export type DashboardClassExamplesQueryVariables = Exact<{
  id: string | number;
  label: number;
  first: number;
  layer?: string | number | null | undefined;
  size: number;
}>;


export type DashboardClassExamplesQuery = { model: { id: string, most: { totalCount: number, nodes: Array<{ index: number, split: string, memorization: number | null, memorizationSe: number | null, robustness: number | null, logDensity: number | null, thumbnail: string | null }> }, least: { totalCount: number, nodes: Array<{ index: number, split: string, memorization: number | null, memorizationSe: number | null, robustness: number | null, logDensity: number | null, thumbnail: string | null }> } } | null };

export type DashboardClassNeighboursQueryVariables = Exact<{
  layerId: string | number;
  label: number;
  k: number;
}>;


export type DashboardClassNeighboursQuery = { layer: { id: string, name: string, klMatrices: Array<{ subset: string, nearest: Array<{ label: number, kl: number }>, farthest: Array<{ label: number, kl: number }> }> } | null };

export type DashboardCompareQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
  statistic: ClassStatistic;
  fitRuns?: Array<string | number> | string | number | null | undefined;
}>;


export type DashboardCompareQuery = { compareModels: { statistic: ClassStatistic, models: Array<{ id: string, name: string, accuracy: number | null, layerCount: number, classCount: number, architecture: { name: string, family: string }, dataset: { name: string, classes: { nodes: Array<{ label: number, name: string }> } }, fitRuns: { nodes: Array<{ id: string, status: FitRunStatus, createdAt: string, config: Record<string, unknown> }> } }>, depths: Array<{ relativeDepth: number, entries: Array<{ mean: number | null, sd: number | null, delta: number | null, values: Array<number | null>, groupAgreement: number | null, cka: number | null, ckaUnavailable: string | null, model: { id: string }, layer: { id: string, name: string, index: number, relativeDepth: number } | null, fitRun: { id: string, createdAt: string, config: Record<string, unknown> } | null, groupSplit: { threshold: number, gap: number, lowCount: number, highCount: number, lowLabels: Array<number>, highLabels: Array<number>, chains: number | null, chainGaps: Array<number> | null, chainsAgreeing: number | null, significance: { passes: boolean, level: number, modesPValue: number, stability: number, intervalLevel: number, gap: { estimate: number, low: number, high: number }, sdRatio: { estimate: number, low: number, high: number } | null } | null } | null }> }> } };

export type DashboardRunModelsQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type DashboardRunModelsQuery = { nodes: Array<
    | { id: string, model: { id: string } }
    | Record<PropertyKey, never>
   | null> };

export type DashboardCrossSimilarityQueryVariables = Exact<{
  a: string | number;
  b: string | number;
  measure: SimilarityMeasure;
}>;


export type DashboardCrossSimilarityQuery = { crossModelSimilarity: { measure: SimilarityMeasure, exampleCount: number, values: Array<Array<number | null>>, rows: Array<{ id: string, name: string }>, columns: Array<{ id: string, name: string }> } };

export type DashboardCompareChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardCompareChoicesQuery = { models: { totalCount: number, nodes: Array<{ id: string, name: string, status: FitRunStatus | null, architecture: { name: string }, dataset: { name: string } }> } };

export type DashboardJobFragment = { id: string, status: FitRunStatus, backend: string | null, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, log: Array<string>, progress: { phase: string | null, layer: string | null, layerIndex: number | null, layerCount: number | null, classesDone: number | null, classCount: number | null, sweep: number | null, totalSweeps: number | null, fraction: number | null, sweepsPerSecond: number | null, etaMs: number | null, message: string | null, updatedAt: string | null } | null, model: { id: string, name: string, architecture: { name: string }, project: { id: string } }, layerJobs: Array<{ layer: string, status: FitRunStatus, attempts: number, worker: string | null, host: string | null, backend: string | null, error: string | null }> };

export type DashboardJobQueuedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashboardJobQueuedSubscription = { fitRunQueued: { id: string } };

export type DashboardJobProgressSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type DashboardJobProgressSubscription = { fitRunProgress: { id: string, status: FitRunStatus, backend: string | null, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, log: Array<string>, progress: { phase: string | null, layer: string | null, layerIndex: number | null, layerCount: number | null, classesDone: number | null, classCount: number | null, sweep: number | null, totalSweeps: number | null, fraction: number | null, sweepsPerSecond: number | null, etaMs: number | null, message: string | null, updatedAt: string | null } | null, model: { id: string, name: string, architecture: { name: string }, project: { id: string } }, layerJobs: Array<{ layer: string, status: FitRunStatus, attempts: number, worker: string | null, host: string | null, backend: string | null, error: string | null }> } };

export type DashboardJobsQueryVariables = Exact<{
  first: number;
  status?: Array<FitRunStatus> | FitRunStatus | null | undefined;
}>;


export type DashboardJobsQuery = { fitRuns: { totalCount: number, nodes: Array<{ id: string, status: FitRunStatus, backend: string | null, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, log: Array<string>, progress: { phase: string | null, layer: string | null, layerIndex: number | null, layerCount: number | null, classesDone: number | null, classCount: number | null, sweep: number | null, totalSweeps: number | null, fraction: number | null, sweepsPerSecond: number | null, etaMs: number | null, message: string | null, updatedAt: string | null } | null, model: { id: string, name: string, architecture: { name: string }, project: { id: string } }, layerJobs: Array<{ layer: string, status: FitRunStatus, attempts: number, worker: string | null, host: string | null, backend: string | null, error: string | null }> }> }, backend: { name: string, requested: string, fellBackFrom: Array<string>, dbEngine: string, adapter: { vendor: string, architecture: string, device: string, software: boolean } | null } };

export type DashboardCancelFitRunMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardCancelFitRunMutation = { cancelFitRun: { fitRun: { id: string, status: FitRunStatus } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type DashboardLayerQueryVariables = Exact<{
  id: string | number;
  run?: string | number | null | undefined;
}>;


export type DashboardLayerQuery = { layer: { id: string, name: string, index: number, relativeDepth: number, dim: number, reducedDim: number | null, svd: { components: number, varianceFraction: number } | null, fitRun: { id: string, status: FitRunStatus, createdAt: string, finishedAt: string | null, config: Record<string, unknown> } | null, model: { id: string, name: string, architecture: { name: string }, dataset: { name: string, classes: { nodes: Array<{ label: number, name: string }> } }, latestFitRun: { id: string, config: Record<string, unknown> } | null, layers: { nodes: Array<{ id: string, name: string, index: number }> }, fitRuns: { nodes: Array<{ id: string, status: FitRunStatus, createdAt: string, config: Record<string, unknown> }> } }, groupSplit: { threshold: number, gap: number, lowCount: number, highCount: number, lowLabels: Array<number>, highLabels: Array<number>, chains: number | null, chainGaps: Array<number> | null, chainsAgreeing: number | null, significance: { passes: boolean, level: number, modesPValue: number, stability: number, intervalLevel: number, gap: { estimate: number, low: number, high: number }, sdRatio: { estimate: number, low: number, high: number } | null } | null } | null } | null };

export type DashboardLayerClassFitsQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
  run?: string | number | null | undefined;
}>;


export type DashboardLayerClassFitsQuery = { layer: { id: string, classFits: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, label: number, n: number, meanLogDensity: number | null, sdLogDensity: number | null, relativeEntropy: number | null, meanDistance: number | null, group: ClassGroup | null, meanClusterCount: number | null, diagnostics: { rHat: number | null, clusterCountRHat: number | null, chains: number, sweeps: number } | null, chainSpread: { chains: number, meanLogDensities: Array<number>, meanLogDensitySd: number | null, relativeEntropies: Array<number> | null, relativeEntropySd: number | null, groupAgreement: number | null } | null, heldOutDensity: { count: number, inSampleMeanLogDensity: number, heldOutMeanLogDensity: number, gap: number } | null }> } } | null };

export type DashboardLayerBinsQueryVariables = Exact<{
  id: string | number;
  run?: string | number | null | undefined;
}>;


export type DashboardLayerBinsQuery = { layer: { id: string, densityBins: { totalCount: number, nodes: Array<{ index: number, count: number, logDensityMean: number | null, logDensitySd: number | null, memorizationMean: number | null, memorizationSd: number | null, highDensityShare: number | null, certifiedCount: number, meanRadius: number | null, sdRadius: number | null, abstainRate: number | null, smoothedAccuracy: number | null }> } } | null };

export type DashboardLayerKlQueryVariables = Exact<{
  id: string | number;
  subset?: string | null | undefined;
  run?: string | number | null | undefined;
}>;


export type DashboardLayerKlQuery = { layer: { id: string, klMatrices: Array<{ subset: string, labels: Array<number>, mean: number | null, sd: number | null, matrix: { dtype: string, shape: Array<number>, data: string } | null }> } | null };

export type DashboardModelLayerSummariesQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardModelLayerSummariesQuery = { model: { id: string, layers: { nodes: Array<{ id: string, name: string, index: number, relativeDepth: number, klMatrices: Array<{ subset: string, mean: number | null, sd: number | null }>, generativeClassification: Array<{ subset: string, f1Mean: number, f1Sd: number | null, accuracy: number | null, exampleCount: number | null }> }> } } | null };

export type DashboardClassTracesQueryVariables = Exact<{
  id: string | number;
  maxPoints: number;
}>;


export type DashboardClassTracesQuery = { classFit: { id: string, label: number, diagnostics: { rHat: number | null, clusterCountRHat: number | null, chains: number, sweeps: number, clusterCounts: Array<{ chain: number, series: { totalPoints: number, x: Array<number>, y: Array<number> } }>, logLikelihoods: Array<{ chain: number, series: { totalPoints: number, x: Array<number>, y: Array<number> } }> } | null } | null };

export type DashboardGroupSplitFragment = { threshold: number, gap: number, lowCount: number, highCount: number, lowLabels: Array<number>, highLabels: Array<number>, chains: number | null, chainGaps: Array<number> | null, chainsAgreeing: number | null, significance: { passes: boolean, level: number, modesPValue: number, stability: number, intervalLevel: number, gap: { estimate: number, low: number, high: number }, sdRatio: { estimate: number, low: number, high: number } | null } | null };

export type DashboardModelQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardModelQuery = { model: { id: string, name: string, seed: number | null, accuracy: number | null, tags: Array<string>, notes: string | null, createdAt: string, layerCount: number, classCount: number, status: FitRunStatus | null, project: { name: string }, architecture: { name: string, family: string, depth: number | null }, dataset: { name: string, classCount: number, classes: { nodes: Array<{ label: number, name: string }> } }, latestFitRun: { id: string, status: FitRunStatus, backend: string | null, seed: number | null, config: Record<string, unknown>, timings: Record<string, unknown> | null, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, progress: { fraction: number | null, phase: string | null } | null } | null, layers: { nodes: Array<{ id: string, name: string, index: number, relativeDepth: number, dim: number, reducedDim: number | null, svd: { components: number, varianceFraction: number } | null }> }, fitRuns: { nodes: Array<{ id: string, status: FitRunStatus, createdAt: string, config: Record<string, unknown> }> } } | null };

export type DashboardModelHeatmapQueryVariables = Exact<{
  id: string | number;
  statistic: ClassStatistic;
  fitRun?: string | number | null | undefined;
}>;


export type DashboardModelHeatmapQuery = { model: { id: string, heatmap: { statistic: ClassStatistic, labels: Array<number>, rows: Array<{ values: Array<number | null>, layer: { id: string, name: string, index: number, relativeDepth: number }, fitRun: { id: string, createdAt: string, config: Record<string, unknown> }, groupSplit: { threshold: number, gap: number, lowCount: number, highCount: number, lowLabels: Array<number>, highLabels: Array<number>, chains: number | null, chainGaps: Array<number> | null, chainsAgreeing: number | null, significance: { passes: boolean, level: number, modesPValue: number, stability: number, intervalLevel: number, gap: { estimate: number, low: number, high: number }, sdRatio: { estimate: number, low: number, high: number } | null } | null } | null }> } | null } | null };

export type DashboardModelSubsetsQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardModelSubsetsQuery = { model: { id: string, memorizationSubsets: Array<{ purpose: SubsetPurpose, name: string, source: SubsetSource, exampleCount: number, classCount: number | null, rule: string }> } | null };

export type DashboardLayerSimilarityQueryVariables = Exact<{
  id: string | number;
  fitRun?: string | number | null | undefined;
}>;


export type DashboardLayerSimilarityQuery = { model: { id: string, layerSimilarity: { cka: Array<Array<number | null>>, procrustes: Array<Array<number | null>>, exampleCount: number, layers: Array<{ id: string, name: string }> } | null } | null };

export type DashboardModelsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: ModelFilter | null | undefined;
  orderBy?: ModelOrder | null | undefined;
}>;


export type DashboardModelsQuery = { models: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, name: string, accuracy: number | null, tags: Array<string>, layerCount: number, classCount: number, status: FitRunStatus | null, createdAt: string, architecture: { name: string, family: string }, dataset: { name: string } }> } };

export type DashboardModelFacetsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardModelFacetsQuery = { architectures: { nodes: Array<{ name: string, family: string, modelCount: number }> }, datasets: { nodes: Array<{ name: string, classCount: number }> }, tags: Array<{ name: string, modelCount: number }> };

export type DashboardViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardViewerQuery = { viewer: { kind: ViewerKind, login: string | null, role: Role | null, projects: Array<{ role: Role, project: { id: string, name: string } }>, access: { mode: AccessMode, description: string } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const DashboardExampleFragmentDoc = new TypedDocumentString(`
    fragment DashboardExample on Example {
  index
  split
  memorization
  memorizationSe
  robustness
  logDensity(layer: $layer)
  thumbnail(size: $size)
}
    `, {"fragmentName":"DashboardExample"}) as unknown as TypedDocumentString<DashboardExampleFragment, unknown>;
export const DashboardJobFragmentDoc = new TypedDocumentString(`
    fragment DashboardJob on FitRun {
  id
  status
  backend
  error
  createdAt
  startedAt
  finishedAt
  log(last: 6)
  progress {
    phase
    layer
    layerIndex
    layerCount
    classesDone
    classCount
    sweep
    totalSweeps
    fraction
    sweepsPerSecond
    etaMs
    message
    updatedAt
  }
  model {
    id
    name
    architecture {
      name
    }
    project {
      id
    }
  }
  layerJobs {
    layer
    status
    attempts
    worker
    host
    backend
    error
  }
}
    `, {"fragmentName":"DashboardJob"}) as unknown as TypedDocumentString<DashboardJobFragment, unknown>;
export const DashboardGroupSplitFragmentDoc = new TypedDocumentString(`
    fragment DashboardGroupSplit on GroupSplit {
  threshold
  gap
  lowCount
  highCount
  lowLabels
  highLabels
  chains
  chainGaps
  chainsAgreeing
  significance {
    passes
    level
    modesPValue
    gap {
      estimate
      low
      high
    }
    sdRatio {
      estimate
      low
      high
    }
    stability
    intervalLevel
  }
}
    `, {"fragmentName":"DashboardGroupSplit"}) as unknown as TypedDocumentString<DashboardGroupSplitFragment, unknown>;
export const DashboardClassExamplesDocument = new TypedDocumentString(`
    query DashboardClassExamples($id: ID!, $label: Int!, $first: Int!, $layer: ID, $size: Int!) {
  model(id: $id) {
    id
    most: examples(
      first: $first
      filter: {label: [$label]}
      orderBy: {field: MEMORIZATION, direction: DESC}
    ) {
      totalCount
      nodes {
        ...DashboardExample
      }
    }
    least: examples(
      first: $first
      filter: {label: [$label]}
      orderBy: {field: MEMORIZATION, direction: ASC}
    ) {
      totalCount
      nodes {
        ...DashboardExample
      }
    }
  }
}
    fragment DashboardExample on Example {
  index
  split
  memorization
  memorizationSe
  robustness
  logDensity(layer: $layer)
  thumbnail(size: $size)
}`) as unknown as TypedDocumentString<DashboardClassExamplesQuery, DashboardClassExamplesQueryVariables>;
export const DashboardClassNeighboursDocument = new TypedDocumentString(`
    query DashboardClassNeighbours($layerId: ID!, $label: Int!, $k: Int!) {
  layer(id: $layerId) {
    id
    name
    klMatrices {
      subset
      nearest(label: $label, k: $k) {
        label
        kl
      }
      farthest(label: $label, k: $k) {
        label
        kl
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardClassNeighboursQuery, DashboardClassNeighboursQueryVariables>;
export const DashboardCompareDocument = new TypedDocumentString(`
    query DashboardCompare($ids: [ID!]!, $statistic: ClassStatistic!, $fitRuns: [ID!]) {
  compareModels(ids: $ids, statistic: $statistic, fitRuns: $fitRuns) {
    statistic
    models {
      id
      name
      accuracy
      layerCount
      classCount
      architecture {
        name
        family
      }
      dataset {
        name
        classes(first: 100) {
          nodes {
            label
            name
          }
        }
      }
      fitRuns(first: 50) {
        nodes {
          id
          status
          createdAt
          config
        }
      }
    }
    depths {
      relativeDepth
      entries {
        model {
          id
        }
        layer {
          id
          name
          index
          relativeDepth
        }
        fitRun {
          id
          createdAt
          config
        }
        mean
        sd
        delta
        values
        groupAgreement
        cka
        ckaUnavailable
        groupSplit {
          ...DashboardGroupSplit
        }
      }
    }
  }
}
    fragment DashboardGroupSplit on GroupSplit {
  threshold
  gap
  lowCount
  highCount
  lowLabels
  highLabels
  chains
  chainGaps
  chainsAgreeing
  significance {
    passes
    level
    modesPValue
    gap {
      estimate
      low
      high
    }
    sdRatio {
      estimate
      low
      high
    }
    stability
    intervalLevel
  }
}`) as unknown as TypedDocumentString<DashboardCompareQuery, DashboardCompareQueryVariables>;
export const DashboardRunModelsDocument = new TypedDocumentString(`
    query DashboardRunModels($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on FitRun {
      id
      model {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardRunModelsQuery, DashboardRunModelsQueryVariables>;
export const DashboardCrossSimilarityDocument = new TypedDocumentString(`
    query DashboardCrossSimilarity($a: ID!, $b: ID!, $measure: SimilarityMeasure!) {
  crossModelSimilarity(a: $a, b: $b, measure: $measure) {
    measure
    exampleCount
    rows {
      id
      name
    }
    columns {
      id
      name
    }
    values
  }
}
    `) as unknown as TypedDocumentString<DashboardCrossSimilarityQuery, DashboardCrossSimilarityQueryVariables>;
export const DashboardCompareChoicesDocument = new TypedDocumentString(`
    query DashboardCompareChoices {
  models(first: 100, orderBy: {field: ARCHITECTURE, direction: ASC}) {
    totalCount
    nodes {
      id
      name
      architecture {
        name
      }
      dataset {
        name
      }
      status
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardCompareChoicesQuery, DashboardCompareChoicesQueryVariables>;
export const DashboardJobQueuedDocument = new TypedDocumentString(`
    subscription DashboardJobQueued {
  fitRunQueued {
    id
  }
}
    `) as unknown as TypedDocumentString<DashboardJobQueuedSubscription, DashboardJobQueuedSubscriptionVariables>;
export const DashboardJobProgressDocument = new TypedDocumentString(`
    subscription DashboardJobProgress($id: ID!) {
  fitRunProgress(id: $id) {
    ...DashboardJob
  }
}
    fragment DashboardJob on FitRun {
  id
  status
  backend
  error
  createdAt
  startedAt
  finishedAt
  log(last: 6)
  progress {
    phase
    layer
    layerIndex
    layerCount
    classesDone
    classCount
    sweep
    totalSweeps
    fraction
    sweepsPerSecond
    etaMs
    message
    updatedAt
  }
  model {
    id
    name
    architecture {
      name
    }
    project {
      id
    }
  }
  layerJobs {
    layer
    status
    attempts
    worker
    host
    backend
    error
  }
}`) as unknown as TypedDocumentString<DashboardJobProgressSubscription, DashboardJobProgressSubscriptionVariables>;
export const DashboardJobsDocument = new TypedDocumentString(`
    query DashboardJobs($first: Int!, $status: [FitRunStatus!]) {
  fitRuns(
    first: $first
    filter: {status: $status}
    orderBy: {field: CREATED_AT, direction: DESC}
  ) {
    totalCount
    nodes {
      ...DashboardJob
    }
  }
  backend {
    name
    requested
    fellBackFrom
    adapter {
      vendor
      architecture
      device
      software
    }
    dbEngine
  }
}
    fragment DashboardJob on FitRun {
  id
  status
  backend
  error
  createdAt
  startedAt
  finishedAt
  log(last: 6)
  progress {
    phase
    layer
    layerIndex
    layerCount
    classesDone
    classCount
    sweep
    totalSweeps
    fraction
    sweepsPerSecond
    etaMs
    message
    updatedAt
  }
  model {
    id
    name
    architecture {
      name
    }
    project {
      id
    }
  }
  layerJobs {
    layer
    status
    attempts
    worker
    host
    backend
    error
  }
}`) as unknown as TypedDocumentString<DashboardJobsQuery, DashboardJobsQueryVariables>;
export const DashboardCancelFitRunDocument = new TypedDocumentString(`
    mutation DashboardCancelFitRun($id: ID!) {
  cancelFitRun(input: {fitRunId: $id}) {
    fitRun {
      id
      status
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardCancelFitRunMutation, DashboardCancelFitRunMutationVariables>;
export const DashboardLayerDocument = new TypedDocumentString(`
    query DashboardLayer($id: ID!, $run: ID) {
  layer(id: $id) {
    id
    name
    index
    relativeDepth
    dim
    reducedDim
    svd {
      components
      varianceFraction
    }
    fitRun(fitRun: $run) {
      id
      status
      createdAt
      finishedAt
      config
    }
    model {
      id
      name
      architecture {
        name
      }
      dataset {
        name
        classes(first: 100) {
          nodes {
            label
            name
          }
        }
      }
      latestFitRun {
        id
        config
      }
      layers(first: 100) {
        nodes {
          id
          name
          index
        }
      }
      fitRuns(first: 50) {
        nodes {
          id
          status
          createdAt
          config
        }
      }
    }
    groupSplit(fitRun: $run) {
      ...DashboardGroupSplit
    }
  }
}
    fragment DashboardGroupSplit on GroupSplit {
  threshold
  gap
  lowCount
  highCount
  lowLabels
  highLabels
  chains
  chainGaps
  chainsAgreeing
  significance {
    passes
    level
    modesPValue
    gap {
      estimate
      low
      high
    }
    sdRatio {
      estimate
      low
      high
    }
    stability
    intervalLevel
  }
}`) as unknown as TypedDocumentString<DashboardLayerQuery, DashboardLayerQueryVariables>;
export const DashboardLayerClassFitsDocument = new TypedDocumentString(`
    query DashboardLayerClassFits($id: ID!, $after: String, $run: ID) {
  layer(id: $id) {
    id
    classFits(
      first: 100
      after: $after
      orderBy: {field: LABEL, direction: ASC}
      fitRun: $run
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        label
        n
        meanLogDensity
        sdLogDensity
        relativeEntropy
        meanDistance
        group
        meanClusterCount
        diagnostics {
          rHat
          clusterCountRHat
          chains
          sweeps
        }
        chainSpread {
          chains
          meanLogDensities
          meanLogDensitySd
          relativeEntropies
          relativeEntropySd
          groupAgreement
        }
        heldOutDensity {
          count
          inSampleMeanLogDensity
          heldOutMeanLogDensity
          gap
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardLayerClassFitsQuery, DashboardLayerClassFitsQueryVariables>;
export const DashboardLayerBinsDocument = new TypedDocumentString(`
    query DashboardLayerBins($id: ID!, $run: ID) {
  layer(id: $id) {
    id
    densityBins(first: 100, fitRun: $run) {
      totalCount
      nodes {
        index
        count
        logDensityMean
        logDensitySd
        memorizationMean
        memorizationSd
        highDensityShare
        certifiedCount
        meanRadius
        sdRadius
        abstainRate
        smoothedAccuracy
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardLayerBinsQuery, DashboardLayerBinsQueryVariables>;
export const DashboardLayerKlDocument = new TypedDocumentString(`
    query DashboardLayerKL($id: ID!, $subset: String, $run: ID) {
  layer(id: $id) {
    id
    klMatrices(subset: $subset, fitRun: $run) {
      subset
      labels
      matrix {
        dtype
        shape
        data
      }
      mean
      sd
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardLayerKlQuery, DashboardLayerKlQueryVariables>;
export const DashboardModelLayerSummariesDocument = new TypedDocumentString(`
    query DashboardModelLayerSummaries($id: ID!) {
  model(id: $id) {
    id
    layers(first: 100) {
      nodes {
        id
        name
        index
        relativeDepth
        klMatrices {
          subset
          mean
          sd
        }
        generativeClassification {
          subset
          f1Mean
          f1Sd
          accuracy
          exampleCount
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardModelLayerSummariesQuery, DashboardModelLayerSummariesQueryVariables>;
export const DashboardClassTracesDocument = new TypedDocumentString(`
    query DashboardClassTraces($id: ID!, $maxPoints: Int!) {
  classFit(id: $id) {
    id
    label
    diagnostics {
      rHat
      clusterCountRHat
      chains
      sweeps
      clusterCounts(maxPoints: $maxPoints) {
        chain
        series {
          totalPoints
          x
          y
        }
      }
      logLikelihoods(maxPoints: $maxPoints) {
        chain
        series {
          totalPoints
          x
          y
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardClassTracesQuery, DashboardClassTracesQueryVariables>;
export const DashboardModelDocument = new TypedDocumentString(`
    query DashboardModel($id: ID!) {
  model(id: $id) {
    id
    name
    seed
    accuracy
    tags
    notes
    createdAt
    layerCount
    classCount
    status
    project {
      name
    }
    architecture {
      name
      family
      depth
    }
    dataset {
      name
      classCount
      classes(first: 100) {
        nodes {
          label
          name
        }
      }
    }
    latestFitRun {
      id
      status
      backend
      seed
      config
      timings
      error
      createdAt
      startedAt
      finishedAt
      progress {
        fraction
        phase
      }
    }
    layers(first: 100) {
      nodes {
        id
        name
        index
        relativeDepth
        dim
        reducedDim
        svd {
          components
          varianceFraction
        }
      }
    }
    fitRuns(first: 50) {
      nodes {
        id
        status
        createdAt
        config
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardModelQuery, DashboardModelQueryVariables>;
export const DashboardModelHeatmapDocument = new TypedDocumentString(`
    query DashboardModelHeatmap($id: ID!, $statistic: ClassStatistic!, $fitRun: ID) {
  model(id: $id) {
    id
    heatmap(statistic: $statistic, fitRun: $fitRun) {
      statistic
      labels
      rows {
        layer {
          id
          name
          index
          relativeDepth
        }
        fitRun {
          id
          createdAt
          config
        }
        values
        groupSplit {
          ...DashboardGroupSplit
        }
      }
    }
  }
}
    fragment DashboardGroupSplit on GroupSplit {
  threshold
  gap
  lowCount
  highCount
  lowLabels
  highLabels
  chains
  chainGaps
  chainsAgreeing
  significance {
    passes
    level
    modesPValue
    gap {
      estimate
      low
      high
    }
    sdRatio {
      estimate
      low
      high
    }
    stability
    intervalLevel
  }
}`) as unknown as TypedDocumentString<DashboardModelHeatmapQuery, DashboardModelHeatmapQueryVariables>;
export const DashboardModelSubsetsDocument = new TypedDocumentString(`
    query DashboardModelSubsets($id: ID!) {
  model(id: $id) {
    id
    memorizationSubsets {
      purpose
      name
      source
      exampleCount
      classCount
      rule
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardModelSubsetsQuery, DashboardModelSubsetsQueryVariables>;
export const DashboardLayerSimilarityDocument = new TypedDocumentString(`
    query DashboardLayerSimilarity($id: ID!, $fitRun: ID) {
  model(id: $id) {
    id
    layerSimilarity(fitRun: $fitRun) {
      layers {
        id
        name
      }
      cka
      procrustes
      exampleCount
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardLayerSimilarityQuery, DashboardLayerSimilarityQueryVariables>;
export const DashboardModelsDocument = new TypedDocumentString(`
    query DashboardModels($first: Int, $after: String, $last: Int, $before: String, $filter: ModelFilter, $orderBy: ModelOrder) {
  models(
    first: $first
    after: $after
    last: $last
    before: $before
    filter: $filter
    orderBy: $orderBy
  ) {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
    nodes {
      id
      name
      accuracy
      tags
      layerCount
      classCount
      status
      createdAt
      architecture {
        name
        family
      }
      dataset {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardModelsQuery, DashboardModelsQueryVariables>;
export const DashboardModelFacetsDocument = new TypedDocumentString(`
    query DashboardModelFacets {
  architectures(first: 100) {
    nodes {
      name
      family
      modelCount
    }
  }
  datasets(first: 100) {
    nodes {
      name
      classCount
    }
  }
  tags {
    name
    modelCount
  }
}
    `) as unknown as TypedDocumentString<DashboardModelFacetsQuery, DashboardModelFacetsQueryVariables>;
export const DashboardViewerDocument = new TypedDocumentString(`
    query DashboardViewer {
  viewer {
    kind
    login
    role
    projects {
      project {
        id
        name
      }
      role
    }
    access {
      mode
      description
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardViewerQuery, DashboardViewerQueryVariables>;