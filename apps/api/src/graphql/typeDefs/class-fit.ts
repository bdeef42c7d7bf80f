/** SDL of one class's fitted density at one layer, and its diagnostics. */
export const classFitTypeDefs = /* GraphQL */ `
"""
The DP-GMM density of one class at one layer in one fit run, with its summary statistics.
"""
type ClassFit implements Node {
  """
  The opaque global ID.
  """
  id: ID!
  """
  The run that produced it.
  """
  fitRun: FitRun!
  """
  The layer.
  """
  layer: Layer!
  """
  The class.
  """
  class: DatasetClass!
  """
  The class label.
  """
  label: Int!
  """
  Number of examples the density was fitted on.
  """
  n: Int!
  """
  Mean log-density of the class's examples under its own density.
  """
  meanLogDensity: Float
  """
  Population standard deviation of those log-densities.
  """
  sdLogDensity: Float
  """
  Relative entropy w.r.t. the class's diagonal Gaussian (paper Eq. 4), nats.
  """
  relativeEntropy: Float
  """
  Monte-Carlo standard error of \`relativeEntropy\` over traces.
  """
  relativeEntropySe: Float
  """
  Mean distance between the class's examples in the reduced space.
  """
  meanDistance: Float
  """
  Which mode of class fitting the class falls in at this layer, if a split was computed.
  """
  group: ClassGroup
  """
  Mean number of clusters over the sweeps after burn-in (chain 0).
  """
  meanClusterCount: Float
  """
  Convergence diagnostics of the sampler.
  """
  diagnostics: Diagnostics
}

"""
The two modes of class fitting: classes above or below the largest gap in mean log-density.
"""
enum ClassGroup {
  """
  Below the threshold (lower mean log-density).
  """
  LOW
  """
  Above the threshold (higher mean log-density).
  """
  HIGH
}

"""
Convergence diagnostics of one class's sampler: traces per chain and the Gelman–Rubin statistic.
"""
type Diagnostics {
  """
  Gelman–Rubin R-hat of the log-likelihood over kept sweeps; null with a single chain.
  """
  rHat: Float
  """
  Number of chains.
  """
  chains: Int!
  """
  Number of sweeps per chain.
  """
  sweeps: Int!
  """
  Cluster count after every sweep, per chain.
  """
  clusterCounts(
    """
    First sweep to include (default 0).
    """
    from: Int
    """
    Sweep after the last to include (default: all).
    """
    to: Int
    """
    At most this many points per chain (2..5000).
    """
    maxPoints: Int = 500
  ): [ChainTrace!]!
  """
  Collapsed joint log-likelihood after every sweep, per chain.
  """
  logLikelihoods(
    """
    First sweep to include (default 0).
    """
    from: Int
    """
    Sweep after the last to include (default: all).
    """
    to: Int
    """
    At most this many points per chain (2..5000).
    """
    maxPoints: Int = 500
  ): [ChainTrace!]!
  """
  Concentration α after every sweep, per chain.
  """
  alphas(
    """
    First sweep to include (default 0).
    """
    from: Int
    """
    Sweep after the last to include (default: all).
    """
    to: Int
    """
    At most this many points per chain (2..5000).
    """
    maxPoints: Int = 500
  ): [ChainTrace!]!
}

"""
Properties by which class fits can be ordered.
"""
enum ClassFitOrderField {
  """
  By class label.
  """
  LABEL
  """
  By mean log-density.
  """
  MEAN_LOG_DENSITY
  """
  By relative entropy.
  """
  RELATIVE_ENTROPY
  """
  By mean intra-class distance.
  """
  MEAN_DISTANCE
}

"""
Ordering options for class fits.
"""
input ClassFitOrder {
  """
  The field to order by.
  """
  field: ClassFitOrderField!
  """
  The direction.
  """
  direction: OrderDirection!
}
`;
