/**
 * A class's cluster count, defined once (README "Cluster count"): the mean number of occupied clusters over the
 * sweeps from `burnIn` on — the sweeps whose states are kept as traces — pooled over chains. When `burnIn` covers a
 * whole chain (a short test run), that chain's whole trace is used instead. It is the number `classfit report`,
 * `classfit fit`, GraphQL `ClassFit.meanClusterCount`, the `CLUSTER_COUNT` statistic and the exports show.
 */

/**
 * @param trace cluster count after every sweep, for one chain (`number[]`) or per chain (`number[][]`)
 * @param burnIn sweeps discarded at the start of each chain
 * @returns the mean, or null when there are no sweeps
 */
export function meanClusterCount(trace: readonly number[] | readonly (readonly number[])[], burnIn: number): number | null {
  const chains = (trace.length > 0 && Array.isArray(trace[0]) ? trace : [trace]) as readonly (readonly number[])[];
  let sum = 0;
  let count = 0;
  for (const chain of chains) {
    const kept = chain.length > burnIn ? chain.slice(burnIn) : chain;
    for (const k of kept) {
      sum += k;
      count++;
    }
  }
  return count > 0 ? sum / count : null;
}
