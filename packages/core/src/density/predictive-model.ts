/**
 * The fitted predictive density of every class of one layer: the in-memory
 * form of the `classfit.predictive/v1` file (DESIGN.md §7). All matrices are
 * row-major Float64Arrays.
 */

/** One multivariate Student-t component; shape matrix = scaleTril · scaleTrilᵀ (scipy `multivariate_t` convention). */
export interface StudentTComponent {
  /** Mixture weight. Over all components of a class the weights sum to 1. */
  readonly weight: number;
  /** Degrees of freedom ν̃ > 0. */
  readonly df: number;
  /** Location [d]. */
  readonly loc: Float64Array;
  /** Lower-triangular Cholesky factor of the shape matrix, [d, d] row-major. */
  readonly scaleTril: Float64Array;
  /** Index of the kept trace this component came from (needed for `traceAveraging: 'log'`). */
  readonly trace?: number;
}

/** Reference diagonal Gaussian q = N(mean, diag variance) of a class (METHOD.md E). */
export interface DiagonalGaussian {
  /** [d] */
  readonly mean: Float64Array;
  /** [d], biased (1/n) variance */
  readonly variance: Float64Array;
}

/** The predictive mixture of one class. */
export interface ClassMixture {
  readonly label: number;
  readonly name: string;
  /** Number of training points the class model was fitted on. */
  readonly n: number;
  readonly components: readonly StudentTComponent[];
  readonly reference: DiagonalGaussian;
}

/**
 * How kept traces are combined:
 * - `density` (textbook, Eq. 3): p(x) = Σ_k w_k St_k(x) over all components of all traces;
 * - `log` (paper code parity, METHOD.md D): log p(x) = (1/T) Σ_t log Σ_{k∈t} T·w_k·St_k(x).
 */
export type TraceAveraging = 'density' | 'log';

/** Optional linear projection applied before scoring: z = V x (no centring, as the paper). */
export interface Projection {
  /** V, [k, D] row-major. */
  readonly components: Float64Array;
  /** k, the reduced dimension (= PredictiveModel.dim). */
  readonly outputDim: number;
  /** D, the raw activation dimension. */
  readonly inputDim: number;
}

/** Predictive densities of all classes of one layer. */
export interface PredictiveModel {
  /** d, the dimension the components live in. */
  readonly dim: number;
  readonly traceAveraging: TraceAveraging;
  /** T, the number of kept traces (1 when traces were merged). */
  readonly traceCount: number;
  readonly projection?: Projection;
  readonly classes: readonly ClassMixture[];
}
