/** `Node` resolution: global ID → row of the right type, tagged so `__resolveType` can name it. */
import type { GraphQLContext } from '../context.ts';
import { parseGlobalId, type NodeType } from '../global-id.ts';

const NODE_TYPE = Symbol('nodeType');

/** A row returned through the `Node` interface. */
type TaggedRow = { [NODE_TYPE]: NodeType };

const loaderOf = (ctx: GraphQLContext, type: NodeType): { load(id: number): Promise<object | undefined> } => {
  const { loaders } = ctx;
  const byType: Record<NodeType, { load(id: number): Promise<object | undefined> }> = {
    Project: loaders.project,
    Dataset: loaders.dataset,
    DatasetClass: loaders.datasetClass,
    Example: loaders.example,
    Architecture: loaders.architecture,
    Model: loaders.model,
    Layer: loaders.layer,
    FitRun: loaders.fitRun,
    ClassFit: loaders.classFit,
    GroupSplit: loaders.groupSplit,
  };
  return byType[type];
};

/**
 * The object a global ID names, or null when it names nothing (or, with `expected`, something of another type).
 * The row is copied and tagged, so cached loader rows are never mutated.
 */
export async function loadNode(ctx: GraphQLContext, id: string, expected?: NodeType): Promise<object | null> {
  const parsed = parseGlobalId(id);
  if (!parsed || (expected && parsed.type !== expected)) return null;
  const row = await loaderOf(ctx, parsed.type).load(parsed.id);
  return row ? { ...row, [NODE_TYPE]: parsed.type } : null;
}

export const Node = {
  __resolveType: (row: Partial<TaggedRow>) => row[NODE_TYPE] ?? null,
};
