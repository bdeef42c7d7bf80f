/** A stored KL matrix as a dense `[C, C]` array: from the row's JSON when small, else from its `.npy` artifact. */
import { readNpyFile } from '@classfit/core/io';
import type { KlMatrixRow } from '@classfit/db';
import type { GraphQLContext } from './context.ts';

/** The matrix, row-major, with its side length. */
export interface DenseMatrix {
  readonly size: number;
  readonly values: Float64Array;
}

const cache = new WeakMap<KlMatrixRow, Promise<DenseMatrix>>();

/** Reads the matrix of `row` (once per row object, i.e. once per request). */
export function klMatrixOf(ctx: GraphQLContext, row: KlMatrixRow): Promise<DenseMatrix> {
  let hit = cache.get(row);
  if (!hit) {
    hit = read(ctx, row);
    cache.set(row, hit);
  }
  return hit;
}

async function read(ctx: GraphQLContext, row: KlMatrixRow): Promise<DenseMatrix> {
  const size = row.labels.length;
  if (row.matrix) return { size, values: Float64Array.from(row.matrix.flat()) };
  if (!row.matrixArtifact) throw new Error(`KL matrix ${row.id} has neither a matrix nor an artifact`);
  const array = await readNpyFile(ctx.app.artifacts.path(row.matrixArtifact));
  return { size, values: Float64Array.from(array.data as ArrayLike<number>) };
}
