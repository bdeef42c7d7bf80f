/** SDL of every `XConnection` / `XEdge` pair, generated from one template so they cannot drift apart. */

/** The listed node types, each with what one page of it holds (used in descriptions). */
const connected: ReadonlyArray<readonly [type: string, plural: string]> = [
  ['Project', 'projects'],
  ['Dataset', 'datasets'],
  ['DatasetClass', 'dataset classes'],
  ['Example', 'examples'],
  ['Architecture', 'architectures'],
  ['Model', 'models'],
  ['Layer', 'layers'],
  ['FitRun', 'fit runs'],
  ['ClassFit', 'class fits'],
  ['ExampleScore', 'example scores'],
  ['DensityBin', 'density bins'],
];

/** SDL for the connection and edge types of one node type. */
function connectionTypeDef(type: string, plural: string): string {
  return `
"""
A page of ${plural}.
"""
type ${type}Connection {
  """
  The edges of this page, each with its cursor.
  """
  edges: [${type}Edge!]!
  """
  The ${plural} of this page (the edges' nodes, for convenience).
  """
  nodes: [${type}!]!
  """
  Information to aid in pagination.
  """
  pageInfo: PageInfo!
  """
  The total number of ${plural} matching the query, over all pages.
  """
  totalCount: Int!
}

"""
One of ${plural} in a connection, with its cursor.
"""
type ${type}Edge {
  """
  An opaque cursor for use in pagination (\`after\`).
  """
  cursor: String!
  """
  The item at the end of the edge.
  """
  node: ${type}!
}
`;
}

export const connectionTypeDefs = connected.map(([type, plural]) => connectionTypeDef(type, plural)).join('');
