/** GraphQL `FitRunOrder` input → the store's run order (a rename, nothing more). */
import type { RunSortField } from '@classfit/db';

/** The GraphQL `FitRunOrder` input. */
export interface FitRunOrderInput {
  field: 'CREATED_AT' | 'STARTED_AT';
  direction: 'ASC' | 'DESC';
}

const FIELDS: Record<FitRunOrderInput['field'], RunSortField> = { CREATED_AT: 'createdAt', STARTED_AT: 'startedAt' };

/** Converts the order input (default: newest first by queue time). */
export function toFitRunOrder(order: FitRunOrderInput | null | undefined): { field: RunSortField; direction: 'asc' | 'desc' } {
  return order ? { field: FIELDS[order.field], direction: order.direction === 'ASC' ? 'asc' : 'desc' } : { field: 'createdAt', direction: 'desc' };
}
