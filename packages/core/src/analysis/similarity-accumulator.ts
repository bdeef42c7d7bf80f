import { InvalidArgumentError } from '../errors/index.ts';
import { gramMatrix } from '../linalg/index.ts';

/**
 * Sufficient statistics of m representations of the same n examples, from which linear CKA and
 * orthogonal Procrustes distances between every pair follow without an n × n Gram matrix.
 * Rows z = [x¹ … xᵐ] (D = Σ p_l columns) are shifted by the first batch's column means before
 * accumulating: both measures are exactly invariant to translation, and the shift keeps the float64
 * sums free of the cancellation that large (post-ReLU) offsets would cause.
 */
export interface SimilarityStatistics {
  /** Examples accumulated. */
  readonly n: number;
  /** Width p_l of each representation. */
  readonly dims: readonly number[];
  /** Column offset of representation l in the concatenated row, Σ_{j<l} p_j; length m + 1. */
  readonly offsets: readonly number[];
  /** [D, D] Σ_i z_i z_iᵀ of the shifted rows. */
  readonly gram: Float64Array;
  /** [D] Σ_i z_i. */
  readonly sum: Float64Array;
  /** [m] Σ_i a_i^l, where a_i^l = ‖x_i^l‖² (the diagonal of representation l's kernel). */
  readonly normSum: Float64Array;
  /** [m, m] Σ_i a_i^l a_i^k. */
  readonly normProducts: Float64Array;
  /** [m, D] row l: Σ_i a_i^l z_i. */
  readonly normWeightedSum: Float64Array;
}

/** Feeds row batches of m representations; `statistics()` returns what has been accumulated so far. */
export interface SimilarityAccumulator {
  /**
   * Adds `rows` examples: `batch[l]` holds them in representation l, [rows, p_l] row-major
   * (float32 or float64). The same examples, in the same order, in every representation.
   */
  add(batch: readonly (Float32Array | Float64Array)[], rows: number): void;
  statistics(): SimilarityStatistics;
}

/**
 * An accumulator of `SimilarityStatistics` for representations of widths `dims` (memory O(D²),
 * time O(n·D²/2), D = Σ dims): feed the examples in batches of any size; the result does not depend
 * on how they were split beyond float64 rounding.
 * @param dims p_l ≥ 1 for each representation, m ≥ 1
 */
export function createSimilarityAccumulator(dims: readonly number[]): SimilarityAccumulator {
  if (dims.length === 0 || dims.some((p) => !Number.isSafeInteger(p) || p < 1)) {
    throw new InvalidArgumentError('dims', `must be one positive integer width per representation; got [${dims.join(', ')}]`);
  }
  const m = dims.length;
  const offsets = [0];
  for (const p of dims) offsets.push(offsets[offsets.length - 1] + p);
  const width = offsets[m];
  const gram = new Float64Array(width * width);
  const sum = new Float64Array(width);
  const normSum = new Float64Array(m);
  const normProducts = new Float64Array(m * m);
  const normWeightedSum = new Float64Array(m * width);
  let shift: Float64Array | undefined;
  let n = 0;

  function add(batch: readonly (Float32Array | Float64Array)[], rows: number): void {
    checkBatch(batch, rows, dims);
    if (rows === 0) return;
    shift ??= columnMeans(batch, rows, dims, offsets);
    const z = new Float64Array(rows * width);
    const norms = new Float64Array(m);
    for (let r = 0; r < rows; r++) {
      const row = r * width;
      for (let l = 0; l < m; l++) {
        const p = dims[l];
        const source = batch[l];
        let norm = 0;
        for (let c = 0; c < p; c++) {
          const v = source[r * p + c] - shift[offsets[l] + c];
          z[row + offsets[l] + c] = v;
          norm += v * v;
        }
        norms[l] = norm;
      }
      for (let c = 0; c < width; c++) sum[c] += z[row + c];
      for (let l = 0; l < m; l++) {
        normSum[l] += norms[l];
        for (let k = 0; k < m; k++) normProducts[l * m + k] += norms[l] * norms[k];
        const weighted = l * width;
        for (let c = 0; c < width; c++) normWeightedSum[weighted + c] += norms[l] * z[row + c];
      }
    }
    const batchGram = gramMatrix(z, rows, width);
    for (let i = 0; i < gram.length; i++) gram[i] += batchGram[i];
    n += rows;
  }

  function statistics(): SimilarityStatistics {
    return Object.freeze({
      n,
      dims: Object.freeze([...dims]),
      offsets: Object.freeze([...offsets]),
      gram: gram.slice(),
      sum: sum.slice(),
      normSum: normSum.slice(),
      normProducts: normProducts.slice(),
      normWeightedSum: normWeightedSum.slice(),
    });
  }

  return { add, statistics };
}

/**
 * `SimilarityStatistics` of whole in-memory representations, accumulated in batches of
 * `batchRows` (default 4,096) so no more than one batch is copied at a time.
 * @param representations [n, p_l] row-major each, same n
 */
export function similarityStatistics(
  representations: readonly { readonly values: Float32Array | Float64Array; readonly dim: number }[],
  n: number,
  batchRows = 4096,
): SimilarityStatistics {
  if (!Number.isSafeInteger(batchRows) || batchRows < 1) throw new InvalidArgumentError('batchRows', `must be a positive integer, got ${batchRows}`);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('n', `must be a non-negative integer, got ${n}`);
  representations.forEach(({ values, dim }, l) => {
    if (values.length !== n * dim) {
      throw new InvalidArgumentError(`representations[${l}]`, `must be [n, p] = [${n}, ${dim}] row-major, got ${values.length} values`);
    }
  });
  const accumulator = createSimilarityAccumulator(representations.map((r) => r.dim));
  for (let start = 0; start < n; start += batchRows) {
    const rows = Math.min(batchRows, n - start);
    accumulator.add(representations.map(({ values, dim }) => values.subarray(start * dim, (start + rows) * dim)), rows);
  }
  return accumulator.statistics();
}

function checkBatch(batch: readonly (Float32Array | Float64Array)[], rows: number, dims: readonly number[]): void {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new InvalidArgumentError('rows', `must be a non-negative integer, got ${rows}`);
  if (batch.length !== dims.length) {
    throw new InvalidArgumentError('batch', `must hold ${dims.length} representations (one per width given), got ${batch.length}`);
  }
  batch.forEach((values, l) => {
    const p = dims[l];
    if (values.length !== rows * p) {
      throw new InvalidArgumentError(`batch[${l}]`, `must be [rows, p] = [${rows}, ${p}] row-major, got ${values.length} values`);
    }
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        throw new InvalidArgumentError(`batch[${l}]`, `must be finite; row ${Math.floor(i / p)} col ${i % p} is ${values[i]}`);
      }
    }
  });
}

function columnMeans(
  batch: readonly (Float32Array | Float64Array)[],
  rows: number,
  dims: readonly number[],
  offsets: readonly number[],
): Float64Array {
  const means = new Float64Array(offsets[dims.length]);
  batch.forEach((values, l) => {
    const p = dims[l];
    for (let r = 0; r < rows; r++) for (let c = 0; c < p; c++) means[offsets[l] + c] += values[r * p + c] / rows;
  });
  return means;
}
