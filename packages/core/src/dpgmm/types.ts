import type { RngState } from '../rng/index.ts';

/** One class's training data for one layer. */
export interface ClassData {
  readonly label: number;
  readonly name: string;
  /** Points [n, d] row-major. */
  readonly points: Float64Array;
  readonly n: number;
}

/** Per-class sampler settings that depart from the paper (METHOD.md §L items 1–3), named as options. */
export interface DpgmmVariants {
  /** 'paper': Gamma shape a+K−1+u (repo quirk); 'textbook': a+K−s (Escobar & West). */
  readonly alphaUpdate: 'paper' | 'textbook';
  /** 'paper': w_k = (α+n_k)/(Kα+n), no new-cluster term; 'crp': n_k/(n+α) plus α/(n+α)·prior predictive. */
  readonly mixtureWeights: 'paper' | 'crp';
  /** 'log' (paper code) or 'density' (Eq. 3). */
  readonly traceAveraging: 'log' | 'density';
  /** 'paper': α_init = 1 + Exp(1) (scipy loc quirk); 'textbook': α_init ~ Gamma(a, b). */
  readonly alphaInit: 'paper' | 'textbook';
  /**
   * Which α a block's draws use: 'lagged' (METHOD C, the parallel script the paper
   * ran: α from before the block's update) or 'updated' (METHOD B.7 order: update,
   * then use). Absent means 'lagged'.
   */
  readonly alphaTiming?: 'lagged' | 'updated';
}

/** One kept sample of one class's chain. */
export interface ClassTrace {
  readonly sweep: number;
  readonly alpha: number;
  /** Cluster index per point [n] (clusters numbered 0..K−1). */
  readonly assignments: Int32Array;
  readonly clusterCount: number;
  /** Per cluster: count [K]. */
  readonly counts: Int32Array;
  /** Per cluster NIW posterior mean m_k, [K, d]. */
  readonly means: Float64Array;
  /** Per cluster chol Ψ_k, [K, d, d]. */
  readonly cholPsi: Float64Array;
}

/** Convergence diagnostics of one class: non-convergence is data, not an exception (STYLE 13). */
export interface ClassDiagnostics {
  /** Cluster count after every sweep, per chain: [chains][sweeps]. */
  readonly clusterCounts: number[][];
  /** Collapsed joint log-likelihood log p(x, c) after every sweep, per chain. */
  readonly logLikelihoods: number[][];
  /** α after every sweep, per chain. */
  readonly alphas: number[][];
  /** Gelman–Rubin R-hat of the log-likelihood over the kept sweeps (null with one chain). */
  readonly rHat: number | null;
  /**
   * Gelman–Rubin R-hat of the cluster count over the kept sweeps (null with one chain): a second, coarser
   * view of mixing — chains that settle on different numbers of clusters have not converged even when their
   * log-likelihoods look alike. 1 when every chain keeps one constant count, ∞ when they keep different ones.
   */
  readonly clusterCountRHat: number | null;
}

/** Resumable state of one chain of one class. */
export interface ChainCheckpoint {
  readonly sweep: number;
  readonly alpha: number;
  readonly assignments: Int32Array;
  readonly permutation: Int32Array;
  readonly rng: RngState;
  /**
   * Exact cluster state in label order (labels are the `assignments` values):
   * m_k [K, d] and chol Ψ_k [K, d, d] as the sampler holds them. With them a
   * resumed chain continues bit-for-bit; without them they are rebuilt from the
   * batch formulas (B.3), which differs only in rounding.
   */
  readonly means?: Float64Array;
  readonly cholPsi?: Float64Array;
  /** Sub-cluster sampler only: each point's side (0/1) within its cluster [n]. */
  readonly subAssignments?: Int32Array;
  /** Sub-cluster sampler only: sweeps since each cluster was created, split or merged [K]. */
  readonly ages?: Int32Array;
}
