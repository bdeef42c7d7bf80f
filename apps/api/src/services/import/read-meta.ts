/**
 * `meta.json` beside an authors'-layout folder (written by `classfit_client.export_activations`): the network's
 * architecture, training seed and test accuracy, and the example count it exported. Each field is optional and
 * checked here; a bad one is a problem naming `meta.json:<field>`.
 */
import type { Problem } from '../errors.ts';
import { readJsonFile } from './read-inputs.ts';

/** What an import takes from `meta.json`. */
export interface ImportMeta {
  readonly architecture?: string;
  readonly dataset?: string;
  readonly seed?: number;
  /** Test accuracy as a fraction in [0, 1]. */
  readonly accuracy?: number;
  /** Rows the exporter wrote (checked against the activations). */
  readonly examples?: number;
}

const NAME = /^[\w.-]+$/;

/** Reads and checks `path`; null (with problems) when it is not a JSON object. */
export async function readMeta(path: string, problems: Problem[]): Promise<ImportMeta | null> {
  const parsed = await readJsonFile(path, problems);
  if (parsed === undefined) return null;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push({ field: path, message: 'must be a JSON object' });
    return null;
  }
  const raw = parsed as Record<string, unknown>;
  const meta: { -readonly [K in keyof ImportMeta]: ImportMeta[K] } = {};
  const bad = (field: string, message: string) => problems.push({ field: `${path}:${field}`, message: `${message}; got ${JSON.stringify(raw[field])}` });
  for (const field of ['architecture', 'dataset'] as const) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && NAME.test(value)) meta[field] = value;
    else bad(field, 'must be a name of letters, digits, ".", "_" or "-"');
  }
  if (raw.seed !== undefined && raw.seed !== null) {
    if (Number.isSafeInteger(raw.seed) && (raw.seed as number) >= 0) meta.seed = raw.seed as number;
    else bad('seed', 'must be an integer ≥ 0');
  }
  if (raw.accuracy !== undefined && raw.accuracy !== null) {
    const value = raw.accuracy;
    if (typeof value === 'number' && value >= 0 && value <= 1) meta.accuracy = value;
    else bad('accuracy', typeof value === 'number' && value > 1 && value <= 100 ? 'must be a fraction in [0, 1] (a percentage?)' : 'must be a fraction in [0, 1]');
  }
  if (raw.examples !== undefined && raw.examples !== null) {
    if (Number.isSafeInteger(raw.examples) && (raw.examples as number) > 0) meta.examples = raw.examples as number;
    else bad('examples', 'must be a positive integer');
  }
  return meta;
}

/** The labels the import uses: each given value, else meta.json's; a given value that differs from meta.json is a warning. */
export function mergeMeta<T extends { architecture?: string; dataset?: string; seed?: number; accuracy?: number }>(
  given: T,
  meta: ImportMeta | null,
  metaPath: string | undefined,
  warnings: Problem[],
): { merged: T; fromMeta: (keyof ImportMeta)[] } {
  const merged = { ...given };
  const fromMeta: (keyof ImportMeta)[] = [];
  if (!meta) return { merged, fromMeta };
  for (const field of ['architecture', 'dataset', 'seed', 'accuracy'] as const) {
    const value = meta[field];
    if (value === undefined) continue;
    if (given[field] === undefined) {
      (merged as Record<string, unknown>)[field] = value;
      fromMeta.push(field);
    } else if (given[field] !== value) {
      warnings.push({ field: `${metaPath}:${field}`, message: `says ${JSON.stringify(value)} but ${JSON.stringify(given[field])} was given; the given value is used` });
    }
  }
  return { merged, fromMeta };
}
