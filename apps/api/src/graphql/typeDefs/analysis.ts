/** SDL of the per-layer analyses: group split, generative classification, KL matrices, density bins. */
export const analysisTypeDefs = /* GraphQL */ `
"""
The largest gap between consecutive sorted class mean log-densities of one layer: the two modes of class fitting.
"""
type GroupSplit implements Node {
  """
  The opaque global ID.
  """
  id: ID!
  """
  The layer.
  """
  layer: Layer!
  """
  The run that produced it.
  """
  fitRun: FitRun!
  """
  Midpoint of the largest gap; classes above it are HIGH.
  """
  threshold: Float!
  """
  Width of the largest gap.
  """
  gap: Float!
  """
  Number of LOW classes.
  """
  lowCount: Int!
  """
  Number of HIGH classes.
  """
  highCount: Int!
  """
  Labels of the LOW classes, ascending.
  """
  lowLabels: [Int!]!
  """
  Labels of the HIGH classes, ascending.
  """
  highLabels: [Int!]!
}

"""
Generative classification (argmax of class log-density) of one example subset at one layer, over traces.
"""
type GenerativeClassification {
  """
  The layer.
  """
  layer: Layer!
  """
  The run that produced it.
  """
  fitRun: FitRun!
  """
  The example subset, e.g. \`least\`, \`most\`, \`random\`.
  """
  subset: String!
  """
  Number of examples in the subset.
  """
  exampleCount: Int
  """
  Support-weighted F1, mean over traces.
  """
  f1Mean: Float!
  """
  Standard deviation of the weighted F1 over traces.
  """
  f1Sd: Float
  """
  Accuracy, mean over traces.
  """
  accuracy: Float
}

"""
Trace-averaged between-class KL divergences KL(class i ‖ class j) of one layer for one example subset.
"""
type KLMatrix {
  """
  The layer.
  """
  layer: Layer!
  """
  The run that produced it.
  """
  fitRun: FitRun!
  """
  The subset the class densities were fitted on, e.g. \`all\`, \`least\`, \`most\`.
  """
  subset: String!
  """
  Class labels of rows and columns, in order.
  """
  labels: [Int!]!
  """
  The \`[C, C]\` matrix; entry [i, j] is KL(class i ‖ class j).
  """
  matrix: NumericArray
  """
  The matrix as JSON rows, only when C ≤ 20 (otherwise null; use \`matrix\`).
  """
  rows: [[Float!]!]
  """
  Mean of the positive off-diagonal entries (paper Fig. 4).
  """
  mean: Float
  """
  Standard deviation of the positive off-diagonal entries.
  """
  sd: Float
  """
  The k classes nearest to a class (smallest KL(class ‖ other)).
  """
  nearest(
    """
    The class label.
    """
    label: Int!
    """
    How many neighbours (1..100).
    """
    k: Int = 5
  ): [KLNeighbor!]!
  """
  The k classes farthest from a class (largest finite KL(class ‖ other)), farthest first: the most distinct.
  """
  farthest(
    """
    The class label.
    """
    label: Int!
    """
    How many classes (1..100).
    """
    k: Int = 5
  ): [KLNeighbor!]!
}

"""
Another class and its KL divergence from a given one (a row entry of the matrix).
"""
type KLNeighbor {
  """
  The neighbour's label.
  """
  label: Int!
  """
  KL(class ‖ neighbour), nats.
  """
  kl: Float!
}

"""
A consecutive bin of examples sorted by own-class log-density, with per-bin score statistics.
"""
type DensityBin {
  """
  Bin position, from 0 (lowest density).
  """
  index: Int!
  """
  Number of examples in the bin.
  """
  count: Int!
  """
  Mean log-density in the bin.
  """
  logDensityMean: Float
  """
  Standard deviation of the log-density in the bin.
  """
  logDensitySd: Float
  """
  Mean memorization score in the bin.
  """
  memorizationMean: Float
  """
  Standard deviation of the memorization score in the bin.
  """
  memorizationSd: Float
  """
  Share of the bin's examples that belong to HIGH classes.
  """
  highDensityShare: Float
  """
  Every per-bin statistic recorded, as stored.
  """
  stats: JSON
  """
  Number of the bin's examples with a stored certificate (randomized smoothing, METHOD.md H.4; settings in
  \`Model.certification\` — usually a seeded subsample of the bin, one base network, n ≪ the paper's 10⁵); 0 when none.
  """
  certifiedCount: Int!
  """
  Mean certified ℓ2 radius over the bin's certified examples, abstentions counted as 0; null without any.
  """
  meanRadius: Float
  """
  Population standard deviation of the certified radius (abstentions as 0); null without certified examples.
  """
  sdRadius: Float
  """
  Fraction of the bin's certified examples on which CERTIFY abstained; null without certified examples.
  """
  abstainRate: Float
  """
  Fraction of the bin's certified examples whose smoothed prediction equals the label (abstentions count as wrong);
  null without certified examples.
  """
  smoothedAccuracy: Float
}
`;
