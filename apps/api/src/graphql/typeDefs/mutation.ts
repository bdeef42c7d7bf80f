/** SDL of the root Mutation type and its inputs and payloads. */
export const mutationTypeDefs = /* GraphQL */ `
"""
The mutation root.
"""
type Mutation {
  """
  Imports a model's layer activations from a folder on the server (the authors' layout).
  """
  importModel(
    """
    What to import.
    """
    input: ImportModelInput!
  ): ImportModelPayload!
  """
  Queues an analysis of a model; returns the queued fit run at once.
  """
  startAnalysis(
    """
    What to analyse and how.
    """
    input: StartAnalysisInput!
  ): StartAnalysisPayload!
  """
  Requests cancellation of a queued or running fit run.
  """
  cancelFitRun(
    """
    Which run.
    """
    input: CancelFitRunInput!
  ): CancelFitRunPayload!
  """
  Adds and removes tags of a model.
  """
  tagModel(
    """
    Which model and which tags.
    """
    input: TagModelInput!
  ): TagModelPayload!
}

"""
Input of \`importModel\`.
"""
input ImportModelInput {
  """
  A folder on the server with \`avg_pooling_<stage>_acts.npy\`, labels, optional \`mem_scores.npz\` and optional \`images.npy\` (uint8 [n, h, w] or [n, h, w, c]).
  """
  path: String!
  """
  Name of the model (unique within the project).
  """
  name: String!
  """
  Architecture name, e.g. \`resnet18\`.
  """
  architecture: String
  """
  Dataset name, e.g. \`cifar100\`.
  """
  dataset: String
  """
  Project name (default project when omitted).
  """
  project: String
  """
  Training seed.
  """
  seed: Int
  """
  Test accuracy in [0, 1].
  """
  accuracy: Float
  """
  Tags.
  """
  tags: [String!]
  """
  A unique identifier for the client performing the mutation.
  """
  clientMutationId: String
}

"""
Result of \`importModel\`.
"""
type ImportModelPayload {
  """
  The imported model, or null when the input was rejected.
  """
  model: Model
  """
  Non-fatal findings, e.g. classes with fewer points than the reduced dimension.
  """
  warnings: [String!]!
  """
  Problems with the input; empty on success.
  """
  userErrors: [UserError!]!
  """
  The client's identifier, echoed.
  """
  clientMutationId: String
}

"""
Input of \`startAnalysis\`.
"""
input StartAnalysisInput {
  """
  The model's global ID.
  """
  modelId: ID!
  """
  Layer names to analyse (default: all).
  """
  layers: [String!]
  """
  Reduced dimension per analysed layer, in order (default: 16/16/64/64 for four stages).
  """
  reduce: [Int!]
  """
  Sweeps per fit.
  """
  iterations: Int
  """
  Sweeps discarded before traces are kept.
  """
  burnIn: Int
  """
  Keep every n-th sweep after burn-in.
  """
  thin: Int
  """
  Seed of the run (0 is valid).
  """
  seed: Int
  """
  A unique identifier for the client performing the mutation.
  """
  clientMutationId: String
}

"""
Result of \`startAnalysis\`.
"""
type StartAnalysisPayload {
  """
  The queued fit run, or null when the input was rejected.
  """
  fitRun: FitRun
  """
  Problems with the input; empty on success.
  """
  userErrors: [UserError!]!
  """
  The client's identifier, echoed.
  """
  clientMutationId: String
}

"""
Input of \`cancelFitRun\`.
"""
input CancelFitRunInput {
  """
  The fit run's global ID.
  """
  fitRunId: ID!
  """
  A unique identifier for the client performing the mutation.
  """
  clientMutationId: String
}

"""
Result of \`cancelFitRun\`.
"""
type CancelFitRunPayload {
  """
  The fit run, in its new state.
  """
  fitRun: FitRun
  """
  Problems with the input; empty on success.
  """
  userErrors: [UserError!]!
  """
  The client's identifier, echoed.
  """
  clientMutationId: String
}

"""
Input of \`tagModel\`.
"""
input TagModelInput {
  """
  The model's global ID.
  """
  modelId: ID!
  """
  Tags to add.
  """
  add: [String!]
  """
  Tags to remove.
  """
  remove: [String!]
  """
  A unique identifier for the client performing the mutation.
  """
  clientMutationId: String
}

"""
Result of \`tagModel\`.
"""
type TagModelPayload {
  """
  The model with its new tags.
  """
  model: Model
  """
  Problems with the input; empty on success.
  """
  userErrors: [UserError!]!
  """
  The client's identifier, echoed.
  """
  clientMutationId: String
}
`;
