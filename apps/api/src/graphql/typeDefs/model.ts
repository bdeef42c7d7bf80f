/** SDL of a trained model, its filters and ordering, and the layer × class heatmap. */
export const modelTypeDefs = /* GraphQL */ `
"""
How a model's examples were certified (Cohen et al.'s CERTIFY, METHOD.md H.4): every example with a
\`robustness\` was certified with these settings. The paper certifies every example of each held-out bin with a
base network trained without that bin (50 networks), n = 10⁵; \`classfit certify-model\` certifies a seeded
subsample of each bin with ONE base network and fewer samples (radius ≤ σ·Φ⁻¹(α^(1/n))).
"""
type Certification {
  """
  The base network the smoothed classifier wraps (its directory).
  """
  network: String!
  """
  Noise standard deviation σ in normalised-input units (paper 0.5).
  """
  sigma: Float!
  """
  Noisy samples that pick the top class (paper 100).
  """
  n0: Int!
  """
  Noisy samples that bound its probability (paper 10⁵).
  """
  n: Int!
  """
  Failure probability α of each certificate (paper 10⁻³).
  """
  alpha: Float!
  """
  Seed of the subsample and the noise.
  """
  seed: Int!
  """
  Examples drawn per density bin by the latest certification.
  """
  perBin: Int!
  """
  The layer whose density bins were sampled; null once deleted.
  """
  layer: Layer
  """
  Number of examples with a stored certificate.
  """
  exampleCount: Int!
  """
  When the settings were last written.
  """
  createdAt: DateTime!
}

"""
A trained network whose layer activations were imported.
"""
type Model implements Node {
  """
  The opaque global ID.
  """
  id: ID!
  """
  Unique name of the model within its project.
  """
  name: String!
  """
  Its project.
  """
  project: Project!
  """
  Its architecture.
  """
  architecture: Architecture!
  """
  The dataset it was trained on.
  """
  dataset: Dataset!
  """
  Training seed, if known.
  """
  seed: Int
  """
  Test accuracy in [0, 1], if known.
  """
  accuracy: Float
  """
  Free-form tags, sorted.
  """
  tags: [String!]!
  """
  Free-text notes.
  """
  notes: String
  """
  Shape of one example image, [height, width, channels]; null when the model was imported without \`images.npy\`
  (then every \`Example.thumbnail\` is null).
  """
  imageShape: [Int!]
  """
  The settings behind the model's stored certified-robustness results; null when it was never certified.
  """
  certification: Certification
  """
  When the model was imported.
  """
  createdAt: DateTime!
  """
  Number of imported layers.
  """
  layerCount: Int!
  """
  Number of classes of its dataset.
  """
  classCount: Int!
  """
  Status of its most recent fit run, or null when it was never analysed.
  """
  status: FitRunStatus
  """
  Its most recent fit run that succeeded, if any; the default run of every analysis field.
  """
  latestFitRun: FitRun
  """
  Its layers, shallowest first.
  """
  layers(
    """
    Returns the first n layers (at most 100).
    """
    first: Int = 100
    """
    Returns the layers after this cursor.
    """
    after: String
  ): LayerConnection!
  """
  Its examples, paged.
  """
  examples(
    """
    Returns the first n examples (at most 100).
    """
    first: Int = 20
    """
    Returns the examples after this cursor.
    """
    after: String
    """
    Only examples matching this filter.
    """
    filter: ExampleFilter
    """
    Ordering of the examples.
    """
    orderBy: ExampleOrder = { field: INDEX, direction: ASC }
  ): ExampleConnection!
  """
  Its fit runs, newest first.
  """
  fitRuns(
    """
    Returns the first n runs (at most 100).
    """
    first: Int = 20
    """
    Returns the runs after this cursor.
    """
    after: String
  ): FitRunConnection!
  """
  A layer × class matrix of one per-class statistic, with each layer's largest-gap split, in one request.
  """
  heatmap(
    """
    The statistic in each cell.
    """
    statistic: ClassStatistic!
    """
    The fit run to read; defaults to \`latestFitRun\`.
    """
    fitRun: ID
  ): Heatmap
}

"""
A per-class statistic of one layer's fitted densities.
"""
enum ClassStatistic {
  """
  Mean log-density of the class's own examples under its own model (paper Fig. 1).
  """
  MEAN_LOG_DENSITY
  """
  Standard deviation of those log-densities.
  """
  SD_LOG_DENSITY
  """
  Relative entropy of the class model w.r.t. a diagonal Gaussian (paper Eq. 4, Fig. 2).
  """
  RELATIVE_ENTROPY
  """
  Mean distance between the class's examples (paper Fig. 2).
  """
  MEAN_DISTANCE
  """
  Mean number of mixture clusters over the kept traces.
  """
  CLUSTER_COUNT
}

"""
A layer × class matrix of one statistic; rows are layers (shallowest first), columns are class labels.
"""
type Heatmap {
  """
  The statistic in each cell.
  """
  statistic: ClassStatistic!
  """
  The fit run the values come from.
  """
  fitRun: FitRun!
  """
  Class labels of the columns, in order.
  """
  labels: [Int!]!
  """
  One row per layer that has fits in this run.
  """
  rows: [HeatmapRow!]!
  """
  All cells as one \`[layers, classes]\` array (NaN where a class has no fit).
  """
  matrix: NumericArray!
}

"""
One layer's row of a heatmap.
"""
type HeatmapRow {
  """
  The layer.
  """
  layer: Layer!
  """
  Values per column of the heatmap (null where a class has no fit).
  """
  values: [Float]!
  """
  The layer's largest-gap split of class mean log-densities, if computed.
  """
  groupSplit: GroupSplit
}

"""
Conditions on models; all given conditions must hold, plus all of \`and\` and at least one of \`or\`.
"""
input ModelFilter {
  """
  Architecture name, e.g. \`{ in: ["resnet18", "resnet50"] }\`.
  """
  architecture: StringFilter
  """
  Architecture family, e.g. \`{ eq: "resnet" }\`.
  """
  family: StringFilter
  """
  Dataset name.
  """
  dataset: StringFilter
  """
  A tag the model carries (matches when any tag matches).
  """
  tag: StringFilter
  """
  Model name.
  """
  name: StringFilter
  """
  Test accuracy in [0, 1], bounds inclusive, e.g. \`{ gte: 0.7 }\`; models without an accuracy never match.
  """
  accuracy: FloatFilter
  """
  Status of the model's most recent fit run.
  """
  status: [FitRunStatus!]
  """
  All of these filters must hold.
  """
  and: [ModelFilter!]
  """
  At least one of these filters must hold.
  """
  or: [ModelFilter!]
}

"""
Properties by which models can be ordered.
"""
enum ModelOrderField {
  """
  By name.
  """
  NAME
  """
  By import time.
  """
  CREATED_AT
  """
  By test accuracy (models without one last).
  """
  ACCURACY
  """
  By architecture name, then name.
  """
  ARCHITECTURE
  """
  By dataset name, then name.
  """
  DATASET
  """
  By number of imported layers.
  """
  LAYER_COUNT
  """
  By number of classes of the dataset.
  """
  CLASS_COUNT
  """
  By the status of the most recent fit run in lifecycle order: never analysed, queued, running, succeeded,
  failed, cancelled.
  """
  STATUS
}

"""
Ordering options for models; equal values keep a fixed order (by model ID, in the same direction).
"""
input ModelOrder {
  """
  The field to order by.
  """
  field: ModelOrderField!
  """
  The direction.
  """
  direction: OrderDirection!
}

"""
A tag in use and how many models carry it.
"""
type TagCount {
  """
  The tag.
  """
  name: String!
  """
  Number of models with this tag.
  """
  modelCount: Int!
}
`;
