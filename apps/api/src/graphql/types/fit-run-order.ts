/** GraphQL `FitRunOrder` input → the store's run order (a rename, nothing more). */
import type { RunSortField } from '@classfit/db';
import type { FitRunOrder, FitRunOrderField, InputMaybe } from '../generated/resolvers-types.ts';

const FIELDS: Record<FitRunOrderField, RunSortField> = { CREATED_AT: 'createdAt', STARTED_AT: 'startedAt' };

/** Converts the order input (default: newest first by queue time). */
export function toFitRunOrder(order: InputMaybe<FitRunOrder>): { field: RunSortField; direction: 'asc' | 'desc' } {
  return order ? { field: FIELDS[order.field], direction: order.direction === 'ASC' ? 'asc' : 'desc' } : { field: 'createdAt', direction: 'desc' };
}
