/** SDL of the root Query type. */
export const queryTypeDefs = /* GraphQL */ `
"""
The query root.
"""
type Query {
  """
  Fetches any object by its global ID.
  """
  node(
    """
    The global ID.
    """
    id: ID!
  ): Node
  """
  Fetches objects by global IDs, in order (null for each unknown ID).
  """
  nodes(
    """
    The global IDs (at most 100).
    """
    ids: [ID!]!
  ): [Node]!
  """
  The compute backend and database engine of this server.
  """
  backend: BackendInfo!
  """
  All projects.
  """
  projects(
    """
    Returns the first n projects (at most 100).
    """
    first: Int = 20
    """
    Returns the projects after this cursor.
    """
    after: String
  ): ProjectConnection!
  """
  All datasets.
  """
  datasets(
    """
    Returns the first n datasets (at most 100).
    """
    first: Int = 20
    """
    Returns the datasets after this cursor.
    """
    after: String
  ): DatasetConnection!
  """
  All architectures.
  """
  architectures(
    """
    Returns the first n architectures (at most 100).
    """
    first: Int = 20
    """
    Returns the architectures after this cursor.
    """
    after: String
  ): ArchitectureConnection!
  """
  Models across projects, filtered and ordered.
  """
  models(
    """
    Returns the first n models (at most 100; 20 when neither \`first\` nor \`last\` is given).
    """
    first: Int
    """
    Returns the models after this cursor.
    """
    after: String
    """
    Returns the last n models (at most 100), i.e. pages backwards; not together with \`first\`/\`after\`.
    """
    last: Int
    """
    Returns the models before this cursor (with \`last\`, or 20 of them).
    """
    before: String
    """
    Only models matching this filter.
    """
    filter: ModelFilter
    """
    Ordering of the models.
    """
    orderBy: ModelOrder = { field: CREATED_AT, direction: DESC }
  ): ModelConnection!
  """
  Every tag carried by a model, with its number of models, by name.
  """
  tags: [TagCount!]!
  """
  A model by global ID (NOT_FOUND error when unknown).
  """
  model(
    """
    The model's global ID.
    """
    id: ID!
  ): Model
  """
  A layer by global ID (NOT_FOUND error when unknown).
  """
  layer(
    """
    The layer's global ID.
    """
    id: ID!
  ): Layer
  """
  A class fit by global ID (NOT_FOUND error when unknown).
  """
  classFit(
    """
    The class fit's global ID.
    """
    id: ID!
  ): ClassFit
  """
  A fit run by global ID (NOT_FOUND error when unknown).
  """
  fitRun(
    """
    The fit run's global ID.
    """
    id: ID!
  ): FitRun
  """
  Fit runs across models, in \`orderBy\` order (newest queued first by default).
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
    """
    Only runs matching this filter.
    """
    filter: FitRunFilter
    """
    Ordering of the runs.
    """
    orderBy: FitRunOrder = { field: CREATED_AT, direction: DESC }
  ): FitRunConnection!
  """
  Two or more models side by side, aligned by relative depth to the first.
  """
  compareModels(
    """
    Global IDs of the models (2..10), baseline first.
    """
    ids: [ID!]!
    """
    The per-class statistic to compare.
    """
    statistic: ClassStatistic!
  ): ModelComparison!
  """
  Log-density of each point under every class density of a layer.
  """
  logDensity(
    """
    The layer's global ID.
    """
    layerId: ID!
    """
    The points (at most 10,000).
    """
    points: PointsInput!
    """
    The fit run to use; defaults to the model's latest succeeded run.
    """
    fitRun: ID
  ): LogDensityResult!
  """
  Generative classification of points at a layer (argmax of class log-density).
  """
  classify(
    """
    The layer's global ID.
    """
    layerId: ID!
    """
    The points (at most 10,000).
    """
    points: PointsInput!
    """
    The fit run to use; defaults to the model's latest succeeded run.
    """
    fitRun: ID
  ): ClassificationResult!
  """
  Draws points from one class's fitted density.
  """
  sampleClass(
    """
    The class fit's global ID.
    """
    classFitId: ID!
    """
    Number of samples (1..1,000).
    """
    n: Int!
    """
    Seed of the random stream (0 is a valid seed).
    """
    seed: Int = 0
  ): ClassSample!
}
`;
