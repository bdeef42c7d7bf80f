/** `Node` resolution: global ID → row of the right type, tagged so `__resolveType` can name it. */
import type { ArchitectureRow, ClassFitRow, DatasetClassRow, DatasetRow, ExampleRow, FitRunRow, GroupSplitRow, LayerRow, ModelRow, ProjectRow } from '@classfit/db';
import { parseGlobalId, type NodeType } from '../../services/views/global-id.ts';
import type { GraphQLContext } from '../context.ts';
import type { NodeResolvers } from '../generated/resolvers-types.ts';

const NODE_TYPE = Symbol('nodeType');

/** The stored row behind each node type. */
interface NodeRows {
  Project: ProjectRow;
  Dataset: DatasetRow;
  DatasetClass: DatasetClassRow;
  Example: ExampleRow;
  Architecture: ArchitectureRow;
  Model: ModelRow;
  Layer: LayerRow;
  FitRun: FitRunRow;
  ClassFit: ClassFitRow;
  GroupSplit: GroupSplitRow;
}

/** A row returned through the `Node` interface, tagged with its type. */
type TaggedRow<T extends NodeType> = NodeRows[T] & { [NODE_TYPE]: T };

type Loaders = { [T in NodeType]: { load(id: number): Promise<NodeRows[T] | undefined> } };

const loadersOf = ({ loaders }: GraphQLContext): Loaders => ({
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
});

/**
 * The object a global ID names, or null when it names nothing (or, with `expected`, something of another type).
 * The row is copied and tagged, so cached loader rows are never mutated.
 */
export async function loadNode<T extends NodeType>(ctx: GraphQLContext, id: string, expected?: T): Promise<TaggedRow<T> | null> {
  const parsed = parseGlobalId(id);
  if (!parsed || (expected && parsed.type !== expected)) return null;
  const type = parsed.type as T;
  const row = await loadersOf(ctx)[type].load(parsed.id);
  return row ? ({ ...row, [NODE_TYPE]: type } as TaggedRow<T>) : null;
}

export const Node: NodeResolvers = {
  __resolveType: (row) => {
    const type = (row as Partial<TaggedRow<NodeType>>)[NODE_TYPE];
    if (!type) throw new Error('a Node value was not loaded through loadNode');
    return type;
  },
};
