/** A stored KL matrix as a dense `[C, C]` array (from the row's JSON when small, else its `.npy` artifact) and its ranked rows. */
import { readNpyFile } from '@classfit/core/io';
import type { KlMatrixRow } from '@classfit/db';
import type { ReadContext } from './read-context.ts';
import { BadUserInputError } from '../errors.ts';

/** The matrix, row-major, with its side length. */
export interface DenseMatrix {
  readonly size: number;
  readonly values: Float64Array;
}

const cache = new WeakMap<KlMatrixRow, Promise<DenseMatrix>>();

/** Reads the matrix of `row` (once per row object, i.e. once per request). */
export function klMatrixOf(ctx: ReadContext, row: KlMatrixRow): Promise<DenseMatrix> {
  let hit = cache.get(row);
  if (!hit) {
    hit = read(ctx, row);
    cache.set(row, hit);
  }
  return hit;
}

async function read(ctx: ReadContext, row: KlMatrixRow): Promise<DenseMatrix> {
  const size = row.labels.length;
  if (row.matrix) return { size, values: Float64Array.from(row.matrix.flat()) };
  if (!row.matrixArtifact) throw new Error(`KL matrix ${row.id} has neither a matrix nor an artifact`);
  const array = await readNpyFile(ctx.app.artifacts.path(row.matrixArtifact));
  return { size, values: Float64Array.from(array.data as ArrayLike<number>) };
}

/**
 * The `k` classes nearest to (smallest KL) or farthest from (largest KL) class `label` along its row, the class
 * itself and non-finite entries left out; ties by label. BAD_USER_INPUT for k outside 1..100 or an unknown label.
 */
export async function klNeighbours(
  ctx: ReadContext,
  row: KlMatrixRow,
  args: { label: number; k?: number | null },
  which: 'nearest' | 'farthest',
): Promise<{ label: number; kl: number }[]> {
  const k = args.k ?? 5;
  if (!Number.isInteger(k) || k < 1 || k > 100) throw new BadUserInputError('k', `must be between 1 and 100, got ${k}`);
  const i = row.labels.indexOf(args.label);
  if (i < 0) throw new BadUserInputError('label', `class ${args.label} is not in this matrix`);
  const m = await klMatrixOf(ctx, row);
  const sign = which === 'nearest' ? 1 : -1;
  return row.labels
    .map((label, j) => ({ label, kl: m.values[i * m.size + j] }))
    .filter((entry, j) => j !== i && Number.isFinite(entry.kl))
    .sort((a, b) => sign * (a.kl - b.kl) || a.label - b.label)
    .slice(0, k);
}
