/**
 * Running estimates, from a chain's labelings of n points, of P(K = k) (statistic k, 1 ≤ k ≤ n) and of
 * the co-assignments P(i ~ j) (statistic n + 1 + i·n + j), with batch-means standard errors.
 */
export class PartitionTally {
  readonly batches: Float64Array[] = [];
  private current: Float64Array;
  private count = 0;

  constructor(
    private readonly n: number,
    private readonly batchSize: number,
  ) {
    this.current = new Float64Array(n + 1 + n * n);
  }

  add(labels: ArrayLike<number>): void {
    const { n } = this;
    this.current[new Set(Array.from(labels)).size] += 1;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (labels[i] === labels[j]) this.current[n + 1 + i * n + j] += 1;
    if (++this.count === this.batchSize) {
      this.batches.push(this.current.map((v) => v / this.batchSize));
      this.current = new Float64Array(n + 1 + n * n);
      this.count = 0;
    }
  }

  /** [mean, standard error] of statistic q over the completed batches. */
  stat(q: number): [number, number] {
    const values = this.batches.map((b) => b[q]);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
    return [mean, Math.sqrt(variance / values.length)];
  }

  /** [mean, standard error] of P(i ~ j). */
  coassignment(i: number, j: number): [number, number] {
    return this.stat(this.n + 1 + i * this.n + j);
  }
}
