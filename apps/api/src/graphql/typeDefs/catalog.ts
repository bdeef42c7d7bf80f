/** SDL of the catalogue: projects, datasets, their classes and examples, architectures. */
export const catalogTypeDefs = /* GraphQL */ `
"""
A group of datasets and models studied together.
"""
type Project implements Node {
  """
  The opaque global ID.
  """
  id: ID!
  """
  Unique name of the project.
  """
  name: String!
  """
  Free-text description, if any.
  """
  description: String
  """
  When the project was created.
  """
  createdAt: DateTime!
  """
  The project's models.
  """
  models(
    """
    Returns the first n models (at most 100).
    """
    first: Int = 20
    """
    Returns the models after this cursor.
    """
    after: String
    """
    Only models matching this filter.
    """
    filter: ModelFilter
    """
    Ordering of the models.
    """
    orderBy: ModelOrder = { field: CREATED_AT, direction: DESC }
  ): ModelConnection!
}

"""
A labelled dataset the models were trained on (e.g. CIFAR-100).
"""
type Dataset implements Node {
  """
  The opaque global ID.
  """
  id: ID!
  """
  Name of the dataset, e.g. \`cifar100\`.
  """
  name: String!
  """
  Number of classes.
  """
  classCount: Int!
  """
  The classes, by label.
  """
  classes(
    """
    Returns the first n classes (at most 100).
    """
    first: Int = 100
    """
    Returns the classes after this cursor.
    """
    after: String
  ): DatasetClassConnection!
}

"""
One class of a dataset.
"""
type DatasetClass implements Node {
  """
  The opaque global ID.
  """
  id: ID!
  """
  The dataset it belongs to.
  """
  dataset: Dataset!
  """
  Integer label, from 0.
  """
  label: Int!
  """
  Human-readable name (the label as text when no names were imported).
  """
  name: String!
}

"""
One example as seen by one model (its row in the model's activation arrays), with its per-example scores.
Memorization is estimated per architecture, so examples belong to models, not datasets.
"""
type Example implements Node {
  """
  The opaque global ID.
  """
  id: ID!
  """
  The model whose activations hold this example.
  """
  model: Model!
  """
  Row of the example in the model's activation arrays, from 0.
  """
  index: Int!
  """
  Its class label.
  """
  label: Int!
  """
  Its class.
  """
  class: DatasetClass!
  """
  Which split it belongs to: \`train\` or \`test\`.
  """
  split: String!
  """
  Memorization score (Feldman & Zhang), if imported.
  """
  memorization: Float
  """
  Standard error of the memorization score, if imported.
  """
  memorizationSe: Float
  """
  Certified ℓ2 radius of the smoothed classifier (randomized smoothing, METHOD.md H.4) in normalised-input units,
  0 when CERTIFY abstained; null when the example was not certified. Settings: \`Model.certification\`.
  """
  robustness: Float
  """
  Whether CERTIFY abstained on the example (p̲ < ½); null when not certified.
  """
  robustnessAbstained: Boolean
  """
  The smoothed classifier's prediction, −1 when it abstained; null when not certified.
  """
  smoothedPrediction: Int
  """
  The example's image as a PNG \`data:\` URL (8-bit grayscale or RGB); null when the model was imported without
  \`images.npy\`.
  """
  thumbnail(
    """
    Length of the longer side in pixels (1..256), resized by nearest neighbour keeping the aspect ratio; the stored
    size when absent.
    """
    size: Int
  ): String
  """
  In-sample log-density of the example under its own class's fitted model (METHOD.md D) at a layer; null when the
  run has not scored that layer.
  """
  logDensity(
    """
    The layer; defaults to the model's deepest layer.
    """
    layer: ID
    """
    The fit run to read; defaults to the model's latest succeeded run.
    """
    fitRun: ID
  ): Float
}

"""
A network family and depth, e.g. ResNet-18.
"""
type Architecture implements Node {
  """
  The opaque global ID.
  """
  id: ID!
  """
  Name, e.g. \`resnet18\`.
  """
  name: String!
  """
  Family, e.g. \`resnet\`.
  """
  family: String!
  """
  Depth in layers (e.g. 18), if known.
  """
  depth: Int
  """
  Number of models of this architecture.
  """
  modelCount: Int!
}

"""
Conditions on examples; all given conditions must hold.
"""
input ExampleFilter {
  """
  Only examples of these class labels.
  """
  label: [Int!]
  """
  Only examples of this split.
  """
  split: String
  """
  Only examples whose memorization score is in this range.
  """
  memorization: FloatFilter
}

"""
Properties by which examples can be ordered.
"""
enum ExampleOrderField {
  """
  By position in the dataset.
  """
  INDEX
  """
  By memorization score (examples without one last).
  """
  MEMORIZATION
}

"""
Ordering options for examples.
"""
input ExampleOrder {
  """
  The field to order by.
  """
  field: ExampleOrderField!
  """
  The direction.
  """
  direction: OrderDirection!
}
`;
