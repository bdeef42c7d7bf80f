/**
 * Readers for the small inputs of an import (labels, memorization, class names,
 * split files). Each returns a value or pushes problems; none throws for bad content.
 */
import { readFile } from 'node:fs/promises';
import { readNpy, readNpz, toInt32Labels, toNumberArray, writeNpy, type NpyArray } from '@classfit/core/io';
import type { Problem } from '../errors.ts';

/** Reads a file's bytes, or records why not. */
export async function readBytes(path: string, problems: Problem[]): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({ field: path, message: code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(error)})` });
    return null;
  }
}

/** Parses npy bytes, or records the parse error. */
export function parseNpy(bytes: Uint8Array, path: string, problems: Problem[]): NpyArray | null {
  try {
    return readNpy(bytes, path, { copy: false });
  } catch (error) {
    problems.push({ field: path, message: stripParameter((error as Error).message, path) });
    return null;
  }
}

/**
 * The bytes to store for an activation file: the file itself when it is already C-order little-endian, otherwise
 * the array `readNpy` made of it written back as such (so the artifact store only holds files every reader takes).
 */
export function storedNpyBytes(bytes: Uint8Array, array: NpyArray): Uint8Array {
  if (!array.converted) return bytes;
  return writeNpy({ dtype: array.dtype, shape: array.shape, data: array.data } as NpyArray);
}

/**
 * `invalid JSON (…)` for a JSON.parse error, without the file's contents: V8 quotes the start of the text
 * (`Unexpected token 's', "{"a": secret}" is not valid JSON`), and error messages must never echo file contents.
 */
export function jsonProblem(error: unknown): string {
  const message = String((error as Error)?.message ?? error)
    .replace(/(^|,\s*)(\.\.\.)?"[\s\S]*$/, '') // `, "<text>" is not valid JSON`, `, ..."<text>" is …`
    .replace(/^Unexpected token '[\s\S]'/, 'Unexpected character');
  return `invalid JSON (${message || 'not JSON'})`;
}

/** An error message without the `<path>: ` prefix core's errors start with. */
export function stripParameter(message: string, path: string): string {
  return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

/** The first non-finite element of a float array as `row r col c is NaN`, or null. */
export function firstNonFinite(array: NpyArray): string | null {
  if (array.dtype !== 'float32' && array.dtype !== 'float64') return null;
  const d = array.shape.length > 1 ? array.shape.slice(1).reduce((a, b) => a * b, 1) : 1;
  const data = array.data;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) return `row ${Math.floor(i / d)} col ${i % d} is ${data[i]}`;
  }
  return null;
}

/** Integer labels from a 1-D array, or a problem. */
export function labelsFrom(array: NpyArray, field: string, problems: Problem[]): Int32Array | null {
  if (array.shape.length !== 1) {
    problems.push({ field, message: `labels must be 1-D [n]; got shape [${array.shape.join(', ')}]` });
    return null;
  }
  try {
    return toInt32Labels(array, field);
  } catch (error) {
    problems.push({ field, message: stripParameter((error as Error).message, field) });
    return null;
  }
}

/** Memorization scores (and labels when the npz has `tr_labels`) from `.npz` or `.npy`. */
export async function readMemorization(path: string, problems: Problem[]): Promise<{ scores: Float64Array | null; labels: Int32Array | null }> {
  const bytes = await readBytes(path, problems);
  if (!bytes) return { scores: null, labels: null };
  let scoresArray: NpyArray | undefined;
  let labelsArray: NpyArray | undefined;
  if (path.endsWith('.npz')) {
    try {
      const arrays = readNpz(bytes, path);
      scoresArray = arrays.tr_mem;
      labelsArray = arrays.tr_labels;
      if (!scoresArray) problems.push({ field: path, message: `has no "tr_mem" array (found: ${Object.keys(arrays).join(', ') || 'none'})` });
    } catch (error) {
      problems.push({ field: path, message: stripParameter((error as Error).message, path) });
    }
  } else {
    scoresArray = parseNpy(bytes, path, problems) ?? undefined;
  }
  let scores: Float64Array | null = null;
  if (scoresArray) {
    const bad = firstNonFinite(scoresArray);
    if (scoresArray.shape.length !== 1) problems.push({ field: `${path}:tr_mem`, message: `must be 1-D [n]; got [${scoresArray.shape.join(', ')}]` });
    else if (bad) problems.push({ field: `${path}:tr_mem`, message: `must be finite; ${bad.replace(/ col 0/, '')}` });
    else scores = toNumberArray(scoresArray, path);
  }
  return { scores, labels: labelsArray ? labelsFrom(labelsArray, `${path}:tr_labels`, problems) : null };
}

/** Class names from a JSON list of strings or a text file (one per line, blank lines ignored). */
export async function readClassNames(path: string, problems: Problem[]): Promise<string[] | null> {
  const bytes = await readBytes(path, problems);
  if (!bytes) return null;
  const text = new TextDecoder().decode(bytes);
  if (path.endsWith('.json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
      problems.push({ field: path, message: 'must be a JSON list of strings' });
    } catch (error) {
      problems.push({ field: path, message: jsonProblem(error) });
    }
    return null;
  }
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
}

/** The parsed JSON of `path`; undefined (with a problem naming the file) when it cannot be read or parsed. */
export async function readJsonFile(path: string, problems: Problem[]): Promise<unknown> {
  const bytes = await readBytes(path, problems);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    problems.push({ field: path, message: jsonProblem(error) });
    return undefined;
  }
}

/** A JSON file holding a list of integer indices in [0, n) (depth 1) or a list of such lists (depth 2); `n` null: any index ≥ 0. */
export async function readIndexJson(path: string, depth: 1 | 2, n: number | null, problems: Problem[]): Promise<number[] | number[][] | null> {
  const parsed = await readJsonFile(path, problems);
  if (parsed === undefined) return null;
  const isIndexList = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isInteger(x));
  const lists = depth === 1 ? [parsed] : Array.isArray(parsed) ? parsed : [null];
  if (!lists.every(isIndexList)) {
    problems.push({ field: path, message: depth === 1 ? 'must be a JSON list of integer indices' : 'must be a JSON list of lists of integer indices' });
    return null;
  }
  const bad = (lists as number[][]).flat().find((i) => i < 0 || (n !== null && i >= n));
  if (bad !== undefined) {
    problems.push({ field: path, message: n === null ? `index ${bad} is negative` : `index ${bad} is outside [0, ${n})` });
    return null;
  }
  return depth === 1 ? (parsed as number[]) : (parsed as number[][]);
}
