import type { PreparedModel } from './prepared-model.ts';

/** A run of classes scored together by one matmul per chunk of points. */
export interface ClassBlock {
  readonly classIndices: readonly number[];
  /** Column of the block's first (class, group) in the kernel output. */
  readonly firstColumn: number;
  /** K_b, components in the block. */
  readonly components: number;
  /** classIndices.length · G. */
  readonly groupCount: number;
  /** Largest number of components in one (class, group). */
  readonly maxGroupSize: number;
  /** [groupCount · maxGroupSize]: block component column per slot, K_b for padding. */
  readonly gatherIndex: Int32Array;
  /** [d] mean component location, subtracted from points in Float64. */
  readonly centre: Float64Array;
}

/** Fewest points per chunk the planner aims for, so each matmul stays large. */
const MIN_CHUNK = 256;

/**
 * Splits the chosen classes into consecutive blocks whose K_b·d columns fit
 * `maxElements / MIN_CHUNK` (at least one class per block).
 */
export function planBlocks(prepared: PreparedModel, classIndices: readonly number[], maxElements: number): ClassBlock[] {
  const d = prepared.dim;
  const budget = Math.max(d, Math.floor(maxElements / MIN_CHUNK));
  const blocks: ClassBlock[] = [];
  let current: number[] = [];
  let columns = 0;
  let firstColumn = 0;
  const flush = () => {
    if (current.length === 0) return;
    blocks.push(makeBlock(prepared, current, firstColumn));
    firstColumn += current.length * prepared.groups;
    current = [];
    columns = 0;
  };
  for (const c of classIndices) {
    const size = prepared.classes[c].size * d;
    if (current.length > 0 && columns + size > budget) flush();
    current.push(c);
    columns += size;
  }
  flush();
  return blocks;
}

function makeBlock(prepared: PreparedModel, classIndices: number[], firstColumn: number): ClassBlock {
  const d = prepared.dim;
  const groups = prepared.groups;
  const members: number[][] = [];
  const centre = new Float64Array(d);
  let column = 0;
  for (const c of classIndices) {
    const cls = prepared.classes[c];
    const byGroup: number[][] = Array.from({ length: groups }, () => []);
    for (let k = 0; k < cls.size; k++, column++) {
      byGroup[cls.group[k]].push(column);
      for (let j = 0; j < d; j++) centre[j] += cls.loc[k * d + j];
    }
    members.push(...byGroup);
  }
  const components = column;
  for (let j = 0; j < d; j++) centre[j] /= components;
  const maxGroupSize = Math.max(...members.map((m) => m.length));
  const gatherIndex = new Int32Array(members.length * maxGroupSize).fill(components);
  members.forEach((m, g) => gatherIndex.set(m, g * maxGroupSize));
  return { classIndices, firstColumn, components, groupCount: members.length, maxGroupSize, gatherIndex, centre };
}
