/**
 * Opaque global IDs: base64 of `Type:id` (GitHub style). Clients must treat them as opaque; the server decodes
 * them back to a row id, and an ID of the wrong type, or one that is not an ID at all, resolves to nothing.
 */
import { NotFoundError } from '../errors.ts';

/** Every type that implements `Node`, i.e. every type a global ID can name. */
export const NODE_TYPES = [
  'Project',
  'Dataset',
  'DatasetClass',
  'Example',
  'Architecture',
  'Model',
  'Layer',
  'FitRun',
  'ClassFit',
  'GroupSplit',
] as const;
/** One of {@link NODE_TYPES}. */
export type NodeType = (typeof NODE_TYPES)[number];

/** The global ID of row `id` of `type`. */
export function toGlobalId(type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64');
}

/** Decodes a global ID to its type and row id, or null when it is not one of ours. */
export function parseGlobalId(globalId: string): { type: NodeType; id: number } | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(globalId)) return null;
  const match = /^([A-Za-z]+):(\d{1,10})$/.exec(Buffer.from(globalId, 'base64').toString('utf8'));
  if (!match || !(NODE_TYPES as readonly string[]).includes(match[1])) return null;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) && id <= 2_147_483_647 ? { type: match[1] as NodeType, id } : null;
}

/** The row id of a global ID that must name a `type`; throws {@link NotFoundError} otherwise. */
export function fromGlobalId(globalId: string, type: NodeType): number {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.type !== type) throw new NotFoundError(type, globalId);
  return parsed.id;
}
