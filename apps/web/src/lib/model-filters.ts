/**
 * The Models table's view state, kept in the URL, and its translation into the API's `ModelFilter`/`ModelOrder`.
 *
 * URL keys: `q` (name contains), `arch`, `dataset`, `status` (comma lists, each an "in" condition),
 * `tag` (comma list) with `tags=all|any` (every tag vs any tag), `accmin`/`accmax` (accuracy bounds in [0, 1],
 * inclusive), `match=all|any` (conditions joined by AND or OR), `sort` (name|created|accuracy|architecture|
 * dataset|layers|classes|status), `dir` (asc|desc), `first` (page size), and the page's position: `after`
 * (a cursor; the page starts after it) or `before` (the page ends before it).
 */
import { createLoader, createSerializer, parseAsString, parseAsStringLiteral, type inferParserType } from 'nuqs/server';
import type { FitRunStatus, ModelFilter, ModelOrder } from '@/gql/graphql';
import { parseAsBoundedInt, parseAsCommaList, parseAsFraction, parseAsTrimmed, parseAsUpperEnumList, type SearchParams } from './url-parsers';

export const FIT_RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const satisfies readonly FitRunStatus[];

export const SORT_FIELDS = {
  name: 'NAME',
  created: 'CREATED_AT',
  accuracy: 'ACCURACY',
  architecture: 'ARCHITECTURE',
  dataset: 'DATASET',
  layers: 'LAYER_COUNT',
  classes: 'CLASS_COUNT',
  status: 'STATUS',
} as const satisfies Record<string, ModelOrder['field']>;
export type SortKey = keyof typeof SORT_FIELDS;

/** The view's parsers (nuqs): unknown values fall back to the defaults rather than failing. */
export const modelViewParsers = {
  q: parseAsTrimmed.withDefault(''),
  architectures: parseAsCommaList,
  datasets: parseAsCommaList,
  statuses: parseAsUpperEnumList<FitRunStatus>(FIT_RUN_STATUSES),
  tags: parseAsCommaList,
  tagMode: parseAsStringLiteral(['all', 'any'] as const).withDefault('any'),
  /** Accuracy bounds in [0, 1], inclusive; null when not set. */
  accuracyMin: parseAsFraction,
  accuracyMax: parseAsFraction,
  match: parseAsStringLiteral(['all', 'any'] as const).withDefault('all'),
  sort: parseAsStringLiteral(Object.keys(SORT_FIELDS) as SortKey[]).withDefault('created'),
  dir: parseAsStringLiteral(['asc', 'desc'] as const).withDefault('desc'),
  first: parseAsBoundedInt(1, 100).withDefault(50),
  after: parseAsString,
  before: parseAsString,
};

/** The URL key of each view field (the view's names are longer than the URL's). */
export const modelViewUrlKeys = {
  architectures: 'arch',
  datasets: 'dataset',
  statuses: 'status',
  tags: 'tag',
  tagMode: 'tags',
  accuracyMin: 'accmin',
  accuracyMax: 'accmax',
} as const;

export type ModelView = Readonly<inferParserType<typeof modelViewParsers>>;

const loadModelView = createLoader(modelViewParsers, { urlKeys: modelViewUrlKeys });
const serializeModelView = createSerializer(modelViewParsers, { urlKeys: modelViewUrlKeys });

/** True when `s` is one of the API's fit-run statuses. */
export const isFitRunStatus = (s: string): s is FitRunStatus => (FIT_RUN_STATUSES as readonly string[]).includes(s);

/** Parses the view from search params. The page lies after `after` or before `before`, never both: `before` wins. */
export function parseModelView(params: SearchParams | URLSearchParams): ModelView {
  const view = loadModelView(params);
  const before = view.before || null;
  return { ...view, before, after: before ? null : view.after || null };
}

/** The Models page's href of `view` with `changes` applied; default values are left out of the URL. */
export function modelViewHref(view: ModelView, changes: Partial<{ [K in keyof ModelView]: ModelView[K] | null }> = {}): string {
  return serializeModelView('/', { ...view, ...changes });
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
export function toModelOrder(view: ModelView): ModelOrder {
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
