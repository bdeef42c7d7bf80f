/** SDL of the fitted-density queries on new points, model comparison and backend information. */
export const densityTypeDefs = /* GraphQL */ `
"""
Points to evaluate: exactly one of \`array\` (base64 float32, \`[n, d]\`) or \`rows\` (small JSON lists).
Points may be given in the layer's reduced dimension or its raw dimension (the stored projection is applied).
"""
input PointsInput {
  """
  The points as a \`[n, d]\` float32 array (at most 10,000 points).
  """
  array: NumericArrayInput
  """
  The points as JSON rows (at most 1,000 rows).
  """
  rows: [[Float!]!]
}

"""
Log-densities of points under every class density of one layer.
"""
type LogDensityResult {
  """
  The layer.
  """
  layer: Layer!
  """
  The run whose densities were used.
  """
  fitRun: FitRun!
  """
  Class labels of the columns, in order.
  """
  labels: [Int!]!
  """
  \`[n, C]\` log p(x | class) in nats.
  """
  logDensities: NumericArray!
  """
  The same values as JSON rows, only when n·C ≤ 1,000 (otherwise null).
  """
  rows: [[Float!]!]
}

"""
Generative classification of points: the class of highest log-density (no class prior).
"""
type ClassificationResult {
  """
  The layer.
  """
  layer: Layer!
  """
  The run whose densities were used.
  """
  fitRun: FitRun!
  """
  Predicted label per point.
  """
  labels: [Int!]!
  """
  Log-density of each point under its predicted class.
  """
  logDensities: [Float!]!
}

"""
Points drawn from one class's fitted density.
"""
type ClassSample {
  """
  The class fit sampled from.
  """
  classFit: ClassFit!
  """
  Seed used.
  """
  seed: Int!
  """
  The samples, \`[n, d]\` in the reduced space.
  """
  samples: NumericArray!
  """
  The samples as JSON rows, only when n·d ≤ 1,000 (otherwise null).
  """
  rows: [[Float!]!]
}

"""
Models compared layer by layer, aligned by relative depth to the first (baseline) model.
"""
type ModelComparison {
  """
  The compared statistic.
  """
  statistic: ClassStatistic!
  """
  The models, baseline first.
  """
  models: [Model!]!
  """
  One entry per layer of the baseline model.
  """
  depths: [AlignedDepth!]!
}

"""
The layers of the compared models nearest one relative depth of the baseline model.
"""
type AlignedDepth {
  """
  Relative depth of the baseline layer, in [0, 1].
  """
  relativeDepth: Float!
  """
  Per model (in \`ModelComparison.models\` order), its layer nearest this depth and its summary.
  """
  entries: [AlignedLayer!]!
}

"""
One model's layer at an aligned depth, summarised over classes.
"""
type AlignedLayer {
  """
  The model.
  """
  model: Model!
  """
  Its layer nearest the depth, or null when it has no fitted layer.
  """
  layer: Layer
  """
  Mean of the statistic over classes.
  """
  mean: Float
  """
  Standard deviation of the statistic over classes.
  """
  sd: Float
  """
  Difference of \`mean\` from the baseline model's at this depth.
  """
  delta: Float
  """
  The statistic per class label, index = label (null where missing).
  """
  values: [Float]!
  """
  The layer's largest-gap split, if computed.
  """
  groupSplit: GroupSplit
  """
  Fraction of classes whose group (LOW/HIGH) equals the baseline's at this depth; null for the baseline.
  """
  groupAgreement: Float
}

"""
The compute backend and storage engine this server runs on.
"""
type BackendInfo {
  """
  The TensorFlow.js backend in use, e.g. \`wasm\` or \`cpu\`.
  """
  name: String!
  """
  The backend that was requested (\`CLASSFIT_BACKEND\`).
  """
  requested: String!
  """
  Backends tried first that were unavailable, with the reason.
  """
  fellBackFrom: [String!]!
  """
  The database engine: \`pglite\` (embedded) or \`postgres\`.
  """
  dbEngine: String!
}
`;
