/** SDL shared by every type: Node, pagination, scalars, numeric arrays, series, user errors, filters. */
export const commonTypeDefs = /* GraphQL */ `
"""
An ISO-8601 date-time string in UTC, e.g. \`2026-11-27T05:51:46.000Z\`.
"""
scalar DateTime

"""
An arbitrary JSON value (used only for free-form configuration and timing records).
"""
scalar JSON

"""
An object with a globally unique, opaque ID. Fetch any node with \`Query.node(id:)\`.
"""
interface Node {
  """
  The opaque global ID of the object (base64 of \`Type:id\`); stable across requests.
  """
  id: ID!
}

"""
Information about pagination in a connection.
"""
type PageInfo {
  """
  When paginating forwards, are there more items?
  """
  hasNextPage: Boolean!
  """
  When paginating backwards, are there more items?
  """
  hasPreviousPage: Boolean!
  """
  The cursor of the first item in this page, or null when the page is empty.
  """
  startCursor: String
  """
  The cursor of the last item in this page; pass it as \`after\` to fetch the next page.
  """
  endCursor: String
}

"""
Possible directions in which to order a list of items.
"""
enum OrderDirection {
  """
  Ascending order (smallest first).
  """
  ASC
  """
  Descending order (largest first).
  """
  DESC
}

"""
A dense numeric array: \`data\` is base64 of the little-endian float32 values in C (row-major) order.
"""
type NumericArray {
  """
  Element type of \`data\`; always \`float32\`.
  """
  dtype: String!
  """
  Dimensions, outermost first (e.g. \`[n, d]\`); the product is the number of elements.
  """
  shape: [Int!]!
  """
  Base64 of the little-endian float32 elements in row-major order.
  """
  data: String!
}

"""
A dense numeric array sent by the client: \`data\` is base64 of little-endian float32 values, row-major.
"""
input NumericArrayInput {
  """
  Element type of \`data\`; only \`float32\` is accepted.
  """
  dtype: String!
  """
  Dimensions, outermost first; for points \`[n, d]\`.
  """
  shape: [Int!]!
  """
  Base64 of the little-endian float32 elements in row-major order.
  """
  data: String!
}

"""
A long series reduced on the server: the requested index range is cut first, then buckets keep their minimum
and maximum (and the first and last points), so the shape of the curve survives. Deterministic.
"""
type DownsampledSeries {
  """
  Number of points in the requested range before downsampling.
  """
  totalPoints: Int!
  """
  Position of each kept point in the original series (e.g. the sweep number), ascending.
  """
  x: [Int!]!
  """
  Value of each kept point; same length as \`x\`.
  """
  y: [Float!]!
}

"""
One chain's trace of a per-sweep quantity (cluster count, log-likelihood or concentration α).
"""
type ChainTrace {
  """
  Index of the chain, from 0.
  """
  chain: Int!
  """
  The chain's values per sweep, downsampled.
  """
  series: DownsampledSeries!
}

"""
Stable machine-readable codes of the errors a mutation can report in \`userErrors\`.
"""
enum UserErrorCode {
  """
  An input value is malformed, out of range or inconsistent.
  """
  BAD_USER_INPUT
  """
  An ID in the input refers to nothing.
  """
  NOT_FOUND
  """
  The object is in a state that does not allow the operation (e.g. cancelling a finished run).
  """
  CONFLICT
}

"""
A problem with a mutation's input, reported as data rather than as a GraphQL error.
"""
type UserError {
  """
  Path to the input field at fault, e.g. \`["input", "modelId"]\`; null when the whole input is at fault.
  """
  field: [String!]
  """
  A sentence for people.
  """
  message: String!
  """
  A stable code for programs.
  """
  code: UserErrorCode!
}

"""
Conditions on a text value; all given conditions must hold.
"""
input StringFilter {
  """
  Equal to this value.
  """
  eq: String
  """
  Equal to one of these values.
  """
  in: [String!]
  """
  Contains this text, case-insensitively.
  """
  contains: String
}

"""
Conditions on a number; all given conditions must hold.
"""
input FloatFilter {
  """
  Greater than or equal to this value.
  """
  gte: Float
  """
  Less than or equal to this value.
  """
  lte: Float
}
`;
