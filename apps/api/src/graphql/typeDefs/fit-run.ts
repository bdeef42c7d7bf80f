/** SDL of a fit run (one analysis job of one model) and its progress. */
export const fitRunTypeDefs = /* GraphQL */ `
"""
One analysis of a model: SVD, DP-GMM fits of every (layer, class) and the analyses, run as a job.
"""
type FitRun implements Node {
  """
  The opaque global ID.
  """
  id: ID!
  """
  The analysed model.
  """
  model: Model!
  """
  Where the job stands.
  """
  status: FitRunStatus!
  """
  Live progress; poll it, or subscribe with \`fitRunProgress\`.
  """
  progress: FitRunProgress
  """
  The configuration the run was started with (sampler settings, layers, reductions, analysis options).
  """
  config: JSON!
  """
  Seed of the run's random streams.
  """
  seed: Int
  """
  Compute backend that ran (or will run) it, e.g. \`wasm\`.
  """
  backend: String
  """
  The reason it failed, when \`status\` is FAILED.
  """
  error: String
  """
  Wall-clock time spent per phase, in milliseconds.
  """
  timings: JSON
  """
  When it was queued.
  """
  createdAt: DateTime!
  """
  When it started running.
  """
  startedAt: DateTime
  """
  When it stopped (succeeded, failed or cancelled).
  """
  finishedAt: DateTime
  """
  The run's latest log lines, oldest first (the worker logs each new phase, layer and progress message; the
  store keeps the last 200).
  """
  log(
    """
    How many of the latest lines (1..200).
    """
    last: Int = 20
  ): [String!]!
}

"""
States of a fit run.
"""
enum FitRunStatus {
  """
  Waiting for a worker.
  """
  QUEUED
  """
  A worker is running it.
  """
  RUNNING
  """
  Finished; every result is stored.
  """
  SUCCEEDED
  """
  Stopped by an error (see \`error\`).
  """
  FAILED
  """
  Stopped on request.
  """
  CANCELLED
}

"""
A snapshot of a running job's progress.
"""
type FitRunProgress {
  """
  Current phase, e.g. \`svd\`, \`fit\`, \`analysis\`.
  """
  phase: String
  """
  Name of the layer being processed.
  """
  layer: String
  """
  Index of the layer being processed, from 0.
  """
  layerIndex: Int
  """
  Number of layers in the run.
  """
  layerCount: Int
  """
  Classes of the current layer already fitted.
  """
  classesDone: Int
  """
  Classes of the current layer.
  """
  classCount: Int
  """
  Current sweep of the sampler.
  """
  sweep: Int
  """
  Sweeps per fit.
  """
  totalSweeps: Int
  """
  Overall completion in [0, 1].
  """
  fraction: Float
  """
  Sampler throughput, sweeps per second.
  """
  sweepsPerSecond: Float
  """
  Estimated time left, in milliseconds.
  """
  etaMs: Float
  """
  Latest log line.
  """
  message: String
  """
  When this snapshot was written.
  """
  updatedAt: DateTime
}

"""
Conditions on fit runs; all given conditions must hold.
"""
input FitRunFilter {
  """
  Only runs in these states.
  """
  status: [FitRunStatus!]
  """
  Only runs of this model.
  """
  model: ID
}

"""
Properties by which fit runs can be ordered.
"""
enum FitRunOrderField {
  """
  By the time the run was queued.
  """
  CREATED_AT
  """
  By the time it started running (runs not yet started count as the earliest).
  """
  STARTED_AT
}

"""
Ordering options for fit runs; equal times keep a fixed order (by run ID, in the same direction).
"""
input FitRunOrder {
  """
  The field to order by.
  """
  field: FitRunOrderField!
  """
  The direction.
  """
  direction: OrderDirection!
}
`;
