/** GraphQL `ModelFilter`/`ModelOrder` inputs → the store's filter tree and sort order (a rename, nothing more). */
import type { ModelFilterTree, ModelSortField, TextCondition } from '@classfit/db';
import { BadUserInputError } from '../../services/errors.ts';
import type { InputMaybe, ModelFilter, ModelOrder, ModelOrderField, StringFilter } from '../generated/resolvers-types.ts';

const text = (filter: InputMaybe<StringFilter>): TextCondition | null => (filter ? { eq: filter.eq, in: filter.in, contains: filter.contains } : null);

/** Nesting deeper than this is refused (armor's depth limit does not see into input objects). */
const MAX_FILTER_DEPTH = 5;

/** Converts the filter input, checking its nesting depth. */
export function toModelFilterTree(filter: InputMaybe<ModelFilter>, depth = 0): ModelFilterTree | null {
  if (!filter) return null;
  if (depth > MAX_FILTER_DEPTH) throw new BadUserInputError('filter', `and/or may nest at most ${MAX_FILTER_DEPTH} levels`);
  return {
    architecture: text(filter.architecture),
    family: text(filter.family),
    dataset: text(filter.dataset),
    tag: text(filter.tag),
    name: text(filter.name),
    accuracy: filter.accuracy ? { gte: filter.accuracy.gte, lte: filter.accuracy.lte } : null,
    status: filter.status ? filter.status.map((s) => s.toLowerCase() as Lowercase<typeof s>) : null,
    and: filter.and?.map((f) => toModelFilterTree(f, depth + 1)!) ?? null,
    or: filter.or?.map((f) => toModelFilterTree(f, depth + 1)!) ?? null,
  };
}

const FIELDS: Record<ModelOrderField, ModelSortField> = {
  NAME: 'name',
  CREATED_AT: 'createdAt',
  ACCURACY: 'accuracy',
  ARCHITECTURE: 'architecture',
  DATASET: 'dataset',
  LAYER_COUNT: 'layerCount',
  CLASS_COUNT: 'classCount',
  STATUS: 'status',
};

/** Converts the order input (default: newest first). */
export function toModelOrder(order: InputMaybe<ModelOrder>): { field: ModelSortField; direction: 'asc' | 'desc' } {
  return order ? { field: FIELDS[order.field], direction: order.direction === 'DESC' ? 'desc' : 'asc' } : { field: 'createdAt', direction: 'desc' };
}
