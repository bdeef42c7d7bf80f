/**
 * Similarity of layers of two models (issue 11 §2): debiased linear CKA or orthogonal Procrustes distance of
 * their RAW stored activations on the same examples, computed on demand (core `createSimilarityAccumulator`, O(D²)
 * memory, n·D²/2 multiply-adds for D = Σ widths; Procrustes adds an eigen-decomposition per pair), charged to the
 * request budget, run behind the scoring gate and cached process-wide per measure (similarity-cache.ts). Read by `Layer.similarity`, `Query.crossModelSimilarity` and the
 * comparison's per-depth `AlignedLayer.cka`.
 *
 * Two models are compared example by example only when they hold the same example set: the same dataset, the
 * same number of training examples, and the same label at every index (activation row i of both is example i).
 * Otherwise the answer is BAD_USER_INPUT naming the first difference.
 */
import { createSimilarityAccumulator, linearCkaMatrix, procrustesDistanceMatrix } from '@classfit/core/analysis';
import { readNpy, toNumberArray } from '@classfit/core/io';
import type { LayerRow, ModelRow } from '@classfit/db';
import { BadUserInputError, classifyError, NotFoundError } from '../errors.ts';
import { fromGlobalId } from './global-id.ts';
import type { ReadContext } from './read-context.ts';
import { sharedSimilarityCache, type SimilarityBlock } from './similarity-cache.ts';

export type SimilarityMeasure = 'CKA' | 'PROCRUSTES';

/** `Layer.similarity`: one pair of layers. */
export interface LayerPairSimilarityValue {
  readonly layer: LayerRow;
  readonly other: LayerRow;
  readonly measure: SimilarityMeasure;
  readonly value: number | null;
  readonly exampleCount: number;
}

/** `Query.crossModelSimilarity`: every layer of one model against every layer of another. */
export interface CrossModelSimilarityValue {
  readonly measure: SimilarityMeasure;
  readonly models: ModelRow[];
  /** Layers of the first model, shallowest first (the matrix's rows). */
  readonly rows: LayerRow[];
  /** Layers of the second model, shallowest first (its columns). */
  readonly columns: LayerRow[];
  readonly values: (number | null)[][];
  readonly exampleCount: number;
}

/** Rows accumulated between yields to the event loop. */
const SLICE_ROWS = 1024;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Why `a` and `b` cannot be compared example by example, or — when they hold the same examples in the same
 * order — how many.
 */
export async function exampleSetMismatch(ctx: ReadContext, a: ModelRow, b: ModelRow): Promise<{ reason: string } | { exampleCount: number }> {
  if (a.datasetId !== b.datasetId) {
    const [da, db] = await Promise.all([ctx.loaders.dataset.load(a.datasetId), ctx.loaders.dataset.load(b.datasetId)]);
    return { reason: `model "${a.name}" is on dataset "${da?.name ?? a.datasetId}", model "${b.name}" on "${db?.name ?? b.datasetId}"; CKA needs both models' activations on the same examples` };
  }
  const [la, lb] = await Promise.all([ctx.loaders.exampleLabelsOfModel.load(a.id), ctx.loaders.exampleLabelsOfModel.load(b.id)]);
  if (la.length !== lb.length) {
    return { reason: `model "${a.name}" has ${la.length} training examples, model "${b.name}" ${lb.length}; CKA needs both models' activations on the same examples` };
  }
  for (let i = 0; i < la.length; i++) {
    if (la[i] !== lb[i]) {
      return { reason: `example ${i} is labelled ${la[i]} in model "${a.name}" but ${lb[i]} in model "${b.name}": the example sets differ or are in another order, so their activation rows cannot be paired` };
    }
  }
  if (la.length < 4) return { reason: `the models have ${la.length} training examples; the unbiased CKA estimator needs at least 4` };
  return { exampleCount: la.length };
}

/**
 * Why stored activation files cannot be used, by layer, artifact and the shape they must have: the artifacts are
 * content-addressed, so a file that is not such an array never becomes one. Asking again fails at once, without
 * reading the file again behind the scoring gate. Bounded; the oldest reason goes first.
 */
const unusableActivations = new Map<string, Error>();
const MAX_UNUSABLE = 1024;
// Per layer too: the reason names the layer and its model.
const activationsKey = (ctx: ReadContext, layer: LayerRow, n: number) => `${ctx.app.artifacts.root}:${layer.id}:${layer.activationsArtifact}:${n}x${layer.dim}`;

async function readActivations(ctx: ReadContext, model: ModelRow, layer: LayerRow, n: number): Promise<Float32Array | Float64Array> {
  const name = `activations of layer "${layer.name}" of model "${model.name}"`;
  const bytes = await ctx.app.artifacts.get(layer.activationsArtifact);
  try {
    const array = readNpy(bytes, name);
    if (array.shape.length !== 2 || array.shape[0] !== n || array.shape[1] !== layer.dim) {
      throw new BadUserInputError('layer', `${name} are [${array.shape.join(', ')}], not [${n}, ${layer.dim}] (one row per training example)`);
    }
    return array.data instanceof Float32Array || array.data instanceof Float64Array ? array.data : toNumberArray(array, name);
  } catch (error) {
    if (unusableActivations.size >= MAX_UNUSABLE) unusableActivations.delete(unusableActivations.keys().next().value!);
    if (classifyError(error)?.code === 'BAD_USER_INPUT') unusableActivations.set(activationsKey(ctx, layer, n), error as Error);
    throw error;
  }
}

async function computeBlock(ctx: ReadContext, reps: { model: ModelRow; layer: LayerRow }[], rows: number, n: number, measure: SimilarityMeasure): Promise<SimilarityBlock> {
  // Every read settles before the first failure (in layer order) is reported: the reason must not depend on
  // which file happened to finish reading first.
  const reads = await Promise.allSettled(reps.map((r) => readActivations(ctx, r.model, r.layer, n)));
  const failed = reads.find((read) => read.status === 'rejected');
  if (failed) throw failed.reason;
  const values = reads.map((read) => (read as PromiseFulfilledResult<Float32Array | Float64Array>).value);
  const dims = reps.map((r) => r.layer.dim);
  const accumulator = createSimilarityAccumulator(dims);
  for (let start = 0; start < n; start += SLICE_ROWS) {
    const end = Math.min(n, start + SLICE_ROWS);
    accumulator.add(values.map((v, l) => v.subarray(start * dims[l], end * dims[l])), end - start);
    await yieldToEventLoop();
  }
  const statistics = accumulator.statistics();
  const m = reps.length;
  // Procrustes costs an eigen-decomposition per pair: only the row × column pairs are computed.
  const full = measure === 'CKA' ? linearCkaMatrix(statistics).cka : procrustesDistanceMatrix(statistics, (l, k) => l < rows && k >= rows);
  const columns = m - rows;
  return { values: Float64Array.from({ length: rows * columns }, (_, c) => full[Math.floor(c / columns) * m + rows + (c % columns)]), rows, columns, exampleCount: n };
}

/**
 * Multiply-adds of a comparison: the statistics (n·D²/2), and for Procrustes each row × column pair's CᵀC
 * (p·q²/2, q the narrower width) and eigen-decomposition (about 4q³).
 */
function workOf(a: readonly LayerRow[], b: readonly LayerRow[], n: number, measure: SimilarityMeasure): number {
  const width = [...a, ...b].reduce((s, l) => s + l.dim, 0);
  let work = (n * width * width) / 2;
  if (measure === 'PROCRUSTES') {
    for (const x of a) {
      for (const y of b) {
        const [p, q] = [Math.max(x.dim, y.dim), Math.min(x.dim, y.dim)];
        work += (p * q * q) / 2 + 4 * q ** 3;
      }
    }
  }
  return work;
}

/**
 * `measure` of every layer of `a.layers` against every layer of `b.layers`, from the cache or computed (charging
 * the request's budget to `field` first).
 */
export async function similarityBlock(
  ctx: ReadContext,
  a: { model: ModelRow; layers: LayerRow[] },
  b: { model: ModelRow; layers: LayerRow[] },
  exampleCount: number,
  measure: SimilarityMeasure,
  field: string,
): Promise<SimilarityBlock> {
  const reps = [...a.layers.map((layer) => ({ model: a.model, layer })), ...b.layers.map((layer) => ({ model: b.model, layer }))];
  for (const { model, layer } of reps) {
    if (layer.exampleCount !== exampleCount) {
      throw new BadUserInputError(field, `layer "${layer.name}" of model "${model.name}" has ${layer.exampleCount} activation rows, but the model has ${exampleCount} training examples`);
    }
  }
  for (const { layer } of reps) {
    const unusable = unusableActivations.get(activationsKey(ctx, layer, exampleCount));
    if (unusable) throw unusable;
  }
  const key = `${ctx.app.artifacts.root}:${measure}:${exampleCount}:${a.layers.map((l) => l.activationsArtifact).join(',')}|${b.layers.map((l) => l.activationsArtifact).join(',')}`;
  if (!sharedSimilarityCache.has(key)) ctx.budget.chargeSimilarity(workOf(a.layers, b.layers, exampleCount, measure), field);
  return sharedSimilarityCache.load(key, () => ctx.scoring.run(() => computeBlock(ctx, reps, a.layers.length, exampleCount, measure)));
}

/** The block's value of `measure` at (i, j), null where undefined. */
export function blockValue(block: SimilarityBlock, i: number, j: number): number | null {
  const v = block.values[i * block.columns + j];
  return Number.isFinite(v) ? v : null;
}

async function modelOf(ctx: ReadContext, id: number, globalId: string): Promise<ModelRow> {
  const model = await ctx.loaders.model.load(id);
  if (!model) throw new NotFoundError('Model', globalId);
  return model;
}

async function sameExamples(ctx: ReadContext, a: ModelRow, b: ModelRow, field: string): Promise<number> {
  const matched = await exampleSetMismatch(ctx, a, b);
  if ('reason' in matched) throw new BadUserInputError(field, matched.reason);
  return matched.exampleCount;
}

/** `Layer.similarity(to:, measure:)`: `layer` against the layer `toId` names (of the same or another model). */
export async function layerPairSimilarity(ctx: ReadContext, layer: LayerRow, toId: string, measure: SimilarityMeasure): Promise<LayerPairSimilarityValue> {
  const other = await ctx.loaders.layer.load(fromGlobalId(toId, 'Layer'));
  if (!other) throw new NotFoundError('Layer', toId);
  const [a, b] = await Promise.all([modelOf(ctx, layer.modelId, `of layer ${layer.id}`), modelOf(ctx, other.modelId, toId)]);
  const exampleCount = await sameExamples(ctx, a, b, 'to');
  const block = await similarityBlock(ctx, { model: a, layers: [layer] }, { model: b, layers: [other] }, exampleCount, measure, 'to');
  return { layer, other, measure, value: blockValue(block, 0, 0), exampleCount };
}

/** The model's layers, shallowest first. */
export async function layersInOrder(ctx: ReadContext, model: ModelRow): Promise<LayerRow[]> {
  return [...(await ctx.loaders.layersOfModel.load(model.id))].sort((x, y) => x.index - y.index);
}

/** `Query.crossModelSimilarity(a:, b:, measure:)`: every layer of model `aId` (rows) against every layer of `bId` (columns). */
export async function crossModelSimilarity(ctx: ReadContext, aId: string, bId: string, measure: SimilarityMeasure): Promise<CrossModelSimilarityValue> {
  const [a, b] = await Promise.all([modelOf(ctx, fromGlobalId(aId, 'Model'), aId), modelOf(ctx, fromGlobalId(bId, 'Model'), bId)]);
  const exampleCount = await sameExamples(ctx, a, b, 'b');
  const [rows, columns] = await Promise.all([layersInOrder(ctx, a), layersInOrder(ctx, b)]);
  const block = await similarityBlock(ctx, { model: a, layers: rows }, { model: b, layers: columns }, exampleCount, measure, 'crossModelSimilarity');
  const values = rows.map((_, i) => columns.map((__, j) => blockValue(block, i, j)));
  return { measure, models: [a, b], rows, columns, values, exampleCount };
}

/** One compared model's layers against the baseline's (CKA), for `compareModels`: the block, or why there is none. */
export type AlignedSimilarity = { block: SimilarityBlock; baseLayers: LayerRow[]; layers: LayerRow[] } | { reason: string };

/**
 * CKA of the baseline's layers against `other`'s for the comparison. Unlike the fields above it does not fail:
 * models on different example sets, past the request's budget or with unreadable activations get a reason instead.
 */
export async function alignedSimilarity(
  ctx: ReadContext,
  base: { model: ModelRow; layers: LayerRow[] },
  other: { model: ModelRow; layers: LayerRow[] },
): Promise<AlignedSimilarity> {
  try {
    const matched = await exampleSetMismatch(ctx, base.model, other.model);
    if ('reason' in matched) return matched;
    // In index order, as crossModelSimilarity asks: the Compare page's heatmap then reuses this block from the cache.
    const [baseLayers, layers] = [base.layers, other.layers].map((list) => [...list].sort((x, y) => x.index - y.index));
    const block = await similarityBlock(ctx, { model: base.model, layers: baseLayers }, { model: other.model, layers }, matched.exampleCount, 'CKA', 'compareModels');
    return { block, baseLayers, layers };
  } catch (error) {
    // A known error (the budget, unreadable or missing activations) leaves the cell empty with its message; any other is a bug.
    const known = classifyError(error);
    if (known) return { reason: known.message };
    throw error;
  }
}

/** CKA of the baseline layer `baseLayer` and `layer` from an aligned similarity, or null (with the reason). */
export function alignedCka(similarity: AlignedSimilarity, baseLayer: LayerRow, layer: LayerRow | null): { cka: number | null; ckaUnavailable: string | null } {
  if ('reason' in similarity) return { cka: null, ckaUnavailable: similarity.reason };
  const i = similarity.baseLayers.findIndex((l) => l.id === baseLayer.id);
  const j = layer ? similarity.layers.findIndex((l) => l.id === layer.id) : -1;
  if (i < 0 || j < 0) return { cka: null, ckaUnavailable: 'no layer at this depth' };
  const cka = blockValue(similarity.block, i, j);
  return { cka, ckaUnavailable: cka === null ? 'CKA is undefined here (a constant layer)' : null };
}
