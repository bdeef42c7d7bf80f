/**
 * The URL state's parsers (nuqs), shared by the pages that read search params on the server, the server actions
 * and the client components that write them. Imported from `nuqs/server`, which carries no 'use client' marker,
 * so server code can call them; the hooks come from `nuqs` in client components.
 */
import { createMultiParser, createParser, parseAsStringLiteral } from 'nuqs/server';
import { STATISTICS, type StatisticKey } from './statistics';

/** Next's `searchParams` object. */
export type SearchParams = Record<string, string | string[] | undefined>;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * A list given comma-separated and/or repeated (`a=x,y&a=z`, as a plain GET form of checkboxes sends it), trimmed,
 * empty entries and repeats dropped; written back as one comma-separated value.
 */
export const parseAsCommaList = createMultiParser<string[]>({
  parse: (values) => [...new Set(values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean))],
  serialize: (list) => [list.join(',')],
  eq: sameList,
}).withDefault([]);

/** A comma list whose items are upper-cased and kept only when one of `allowed` (e.g. fit-run statuses). */
export function parseAsUpperEnumList<T extends string>(allowed: readonly T[]) {
  return createMultiParser<T[]>({
    parse: (values) => [...new Set(values.flatMap((v) => v.split(',')).map((s) => s.trim().toUpperCase()))].filter((s): s is T => (allowed as readonly string[]).includes(s)),
    serialize: (list) => [list.join(',')],
    eq: sameList,
  }).withDefault([]);
}

/** A string trimmed of spaces; empty reads as absent. */
export const parseAsTrimmed = createParser<string>({
  parse: (value) => value.trim() || null,
  serialize: (value) => value,
});

/** A number in [0, 1]; anything else reads as absent. */
export const parseAsFraction = createParser<number>({
  parse: (value) => {
    if (value.trim() === '') return null;
    const n = Number(value);
    return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
  },
  serialize: String,
});

/** An integer ≥ `min` (written in decimal, no fractions), capped at `max`; anything else reads as absent. */
export function parseAsBoundedInt(min: number, max = Number.MAX_SAFE_INTEGER) {
  return createParser<number>({
    parse: (value) => {
      const n = Number(value);
      return value.trim() !== '' && Number.isInteger(n) && n >= min ? Math.min(n, max) : null;
    },
    serialize: String,
  });
}

/** A per-class statistic of lib/statistics.ts by its URL key. */
export const parseAsStatistic = parseAsStringLiteral(Object.keys(STATISTICS) as StatisticKey[]);

/** Next's `searchParams` object as URLSearchParams (repeated keys kept). */
export function toURLSearchParams(params: SearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(key, v);
  return out;
}
