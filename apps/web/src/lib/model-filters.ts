/**
 * The Models table's view state, kept in the URL, and its translation into the API's `ModelFilter`/`ModelOrder`.
 *
 * URL keys: `q` (name contains), `arch`, `dataset`, `status` (comma lists, each an "in" condition),
 * `tag` (comma list) with `tags=all|any` (every tag vs any tag), `accmin`/`accmax` (accuracy bounds in [0, 1],
 * inclusive), `match=all|any` (conditions joined by AND or OR), `sort` (name|created|accuracy|architecture|
 * dataset|layers|classes|status), `dir` (asc|desc), `first` (page size), and the page's position: `after`
 * (a cursor; the page starts after it) or `before` (the page ends before it).
 */
import { listParam, param, type SearchParams } from './search-params';

export const FIT_RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type FitRunStatus = (typeof FIT_RUN_STATUSES)[number];

export const SORT_FIELDS = {
  name: 'NAME',
  created: 'CREATED_AT',
  accuracy: 'ACCURACY',
  architecture: 'ARCHITECTURE',
  dataset: 'DATASET',
  layers: 'LAYER_COUNT',
  classes: 'CLASS_COUNT',
  status: 'STATUS',
} as const;
export type SortKey = keyof typeof SORT_FIELDS;

export interface ModelView {
  readonly q: string;
  readonly architectures: readonly string[];
  readonly datasets: readonly string[];
  readonly statuses: readonly FitRunStatus[];
  readonly tags: readonly string[];
  readonly tagMode: 'all' | 'any';
  /** Accuracy bounds in [0, 1], inclusive; null when not set. */
  readonly accuracyMin: number | null;
  readonly accuracyMax: number | null;
  readonly match: 'all' | 'any';
  readonly sort: SortKey;
  readonly dir: 'asc' | 'desc';
  readonly first: number;
  /** Where the page lies: after this cursor, or before that one (never both; `before` wins). */
  readonly after: string | null;
  readonly before: string | null;
}

/** The API's `StringFilter` / `ModelFilter` input shapes (subset used here). */
export interface StringFilter { eq?: string; in?: string[]; contains?: string }
export interface ModelFilter {
  architecture?: StringFilter;
  dataset?: StringFilter;
  tag?: StringFilter;
  name?: StringFilter;
  accuracy?: { gte?: number; lte?: number };
  status?: FitRunStatus[];
  and?: ModelFilter[];
  or?: ModelFilter[];
}

const isStatus = (s: string): s is FitRunStatus => (FIT_RUN_STATUSES as readonly string[]).includes(s);

/** A fraction in [0, 1] from the URL, or null when absent or not one. */
function fraction(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

/** Parses the view from search params; unknown values fall back to defaults rather than failing. */
export function parseModelView(params: SearchParams): ModelView {
  const sort = param(params, 'sort');
  const first = Number(param(params, 'first'));
  const before = param(params, 'before') || null;
  return {
    q: (param(params, 'q') ?? '').trim(),
    architectures: listParam(params, 'arch'),
    datasets: listParam(params, 'dataset'),
    statuses: listParam(params, 'status').map((s) => s.toUpperCase()).filter(isStatus),
    tags: listParam(params, 'tag'),
    tagMode: param(params, 'tags') === 'all' ? 'all' : 'any',
    accuracyMin: fraction(param(params, 'accmin')),
    accuracyMax: fraction(param(params, 'accmax')),
    match: param(params, 'match') === 'any' ? 'any' : 'all',
    sort: sort && sort in SORT_FIELDS ? (sort as SortKey) : 'created',
    dir: param(params, 'dir') === 'asc' ? 'asc' : 'desc',
    first: Number.isInteger(first) && first >= 1 ? Math.min(first, 100) : 50,
    after: before ? null : param(params, 'after') || null,
    before,
  };
}

/** The conditions of a view as one `ModelFilter`, or undefined when nothing is filtered. */
export function toModelFilter(view: ModelView): ModelFilter | undefined {
  const conditions: ModelFilter[] = [];
  if (view.q) conditions.push({ name: { contains: view.q } });
  if (view.architectures.length) conditions.push({ architecture: { in: [...view.architectures] } });
  if (view.datasets.length) conditions.push({ dataset: { in: [...view.datasets] } });
  if (view.statuses.length) conditions.push({ status: [...view.statuses] });
  if (view.accuracyMin !== null || view.accuracyMax !== null) {
    conditions.push({ accuracy: { ...(view.accuracyMin !== null ? { gte: view.accuracyMin } : {}), ...(view.accuracyMax !== null ? { lte: view.accuracyMax } : {}) } });
  }
  if (view.tags.length) {
    if (view.tagMode === 'all' && view.tags.length > 1) conditions.push({ and: view.tags.map((tag) => ({ tag: { eq: tag } })) });
    else conditions.push({ tag: { in: [...view.tags] } });
  }
  if (conditions.length === 0) return undefined;
  if (conditions.length === 1) return conditions[0];
  return view.match === 'any' ? { or: conditions } : { and: conditions };
}

/** The API's `ModelOrder` for a view. */
export function toModelOrder(view: ModelView): { field: (typeof SORT_FIELDS)[SortKey]; direction: 'ASC' | 'DESC' } {
  return { field: SORT_FIELDS[view.sort], direction: view.dir === 'asc' ? 'ASC' : 'DESC' };
}

/** The page window of a view: `last`/`before` when it ends before a cursor, else `first`/`after`. */
export function toPageWindow(view: ModelView): { first?: number; after?: string; last?: number; before?: string } {
  return view.before ? { last: view.first, before: view.before } : { first: view.first, ...(view.after ? { after: view.after } : {}) };
}

/** True when any condition is set (to offer "clear filters"). */
export function isFiltered(view: ModelView): boolean {
  return toModelFilter(view) !== undefined;
}
