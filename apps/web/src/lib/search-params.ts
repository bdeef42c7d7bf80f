/** Reading Next's `searchParams` object and writing hrefs that change some of its keys. */

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a key, or undefined. */
export function param(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

/** A list parameter, given comma-separated and/or repeated (`a=x,y&a=z`), trimmed, empty entries and repeats dropped. */
export function listParam(params: SearchParams, key: string): string[] {
  const value = params[key];
  const raw = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const items = raw.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  return [...new Set(items)];
}

/** `pathname?query` with `changes` applied to `params`: null/undefined/'' removes a key, arrays are joined by commas. */
export function hrefWith(pathname: string, params: SearchParams, changes: Record<string, string | number | readonly string[] | null | undefined>): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && !(key in changes)) next.set(key, first);
  }
  for (const [key, value] of Object.entries(changes)) {
    const text = Array.isArray(value) ? value.join(',') : value === null || value === undefined ? '' : String(value);
    if (text !== '') next.set(key, text);
  }
  const query = next.toString();
  return query ? `${pathname}?${query}` : pathname;
}
