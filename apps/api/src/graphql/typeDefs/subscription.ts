/** SDL of the root Subscription type (served over graphql-ws). */
export const subscriptionTypeDefs = /* GraphQL */ `
"""
The subscription root (graphql-ws on the \`/graphql\` path).
"""
type Subscription {
  """
  The fit run each time its status or progress changes; completes when it stops.
  """
  fitRunProgress(
    """
    The fit run's global ID.
    """
    id: ID!
  ): FitRun!
}
`;
