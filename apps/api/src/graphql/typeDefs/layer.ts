/** SDL of a layer of a model and the per-layer analysis fields. */
export const layerTypeDefs = /* GraphQL */ `
"""
One layer (stage) of a model whose activations were imported.
"""
type Layer implements Node {
  """
  The opaque global ID.
  """
  id: ID!
  """
  The model it belongs to.
  """
  model: Model!
  """
  Stable name, e.g. \`avg_pooling_3\`.
  """
  name: String!
  """
  Position among the model's layers, from 0 (shallowest).
  """
  index: Int!
  """
  Depth relative to the network, in [0, 1]; used to align models of different depths.
  """
  relativeDepth: Float!
  """
  Dimension of the raw (pooled) activations.
  """
  dim: Int!
  """
  Dimension after SVD reduction, which the densities live in; null before the first fit.
  """
  reducedDim: Int
  """
  Summary of the SVD reduction, if one was computed.
  """
  svd: SvdSummary
  """
  Per-class fits of this layer in one run (default: the model's latest succeeded run).
  """
  classFits(
    """
    Returns the first n class fits (at most 100).
    """
    first: Int = 100
    """
    Returns the class fits after this cursor.
    """
    after: String
    """
    Ordering of the class fits.
    """
    orderBy: ClassFitOrder = { field: LABEL, direction: ASC }
    """
    The fit run to read; defaults to the model's latest succeeded run.
    """
    fitRun: ID
  ): ClassFitConnection!
  """
  Per-example own-class log-densities of this layer in one run.
  """
  exampleScores(
    """
    Returns the first n scores (at most 100).
    """
    first: Int = 20
    """
    Returns the scores after this cursor.
    """
    after: String
    """
    Only the examples of these class labels.
    """
    labels: [Int!]
    """
    Ordering of the scores.
    """
    orderBy: ExampleScoreOrder = { field: EXAMPLE_INDEX, direction: ASC }
    """
    The fit run to read; defaults to the model's latest succeeded run.
    """
    fitRun: ID
  ): ExampleScoreConnection!
  """
  The largest-gap split of class mean log-densities (paper's two modes), if computed.
  """
  groupSplit(
    """
    The fit run to read; defaults to the model's latest succeeded run.
    """
    fitRun: ID
  ): GroupSplit
  """
  Generative-classification results, one per example subset (least/most memorized, random…).
  """
  generativeClassification(
    """
    The fit run to read; defaults to the model's latest succeeded run.
    """
    fitRun: ID
  ): [GenerativeClassification!]!
  """
  Between-class KL matrices, one per subset.
  """
  klMatrices(
    """
    Only this subset (e.g. \`all\`, \`least\`, \`most\`, \`random\`).
    """
    subset: String
    """
    The fit run to read; defaults to the model's latest succeeded run.
    """
    fitRun: ID
  ): [KLMatrix!]!
  """
  Examples binned by log-density, with per-bin memorization statistics (paper Fig. 3).
  """
  densityBins(
    """
    Returns the first n bins (at most 100).
    """
    first: Int = 100
    """
    Returns the bins after this cursor.
    """
    after: String
    """
    The fit run to read; defaults to the model's latest succeeded run.
    """
    fitRun: ID
  ): DensityBinConnection!
}

"""
Summary of a layer's SVD reduction.
"""
type SvdSummary {
  """
  Number of kept components.
  """
  components: Int!
  """
  Fraction of the total variance the kept components explain, in [0, 1].
  """
  varianceFraction: Float!
  """
  Leading singular values, largest first.
  """
  singularValues: [Float!]!
}

"""
One example's scores at one layer in one fit run.
"""
type ExampleScore {
  """
  The example.
  """
  example: Example!
  """
  Position of the example in the dataset's arrays.
  """
  exampleIndex: Int!
  """
  Its true class label.
  """
  label: Int!
  """
  log p(x | own class) under the fitted density.
  """
  logDensity: Float!
  """
  The class of highest log-density (generative classification), if computed.
  """
  predictedLabel: Int
}

"""
Properties by which example scores can be ordered.
"""
enum ExampleScoreOrderField {
  """
  By example position.
  """
  EXAMPLE_INDEX
  """
  By own-class log-density.
  """
  LOG_DENSITY
}

"""
Ordering options for example scores.
"""
input ExampleScoreOrder {
  """
  The field to order by.
  """
  field: ExampleScoreOrderField!
  """
  The direction.
  """
  direction: OrderDirection!
}
`;
