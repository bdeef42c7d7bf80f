/**
 * Per-layer, per-subset summaries (KL or F1) reshaped for a chart: one row per layer with `${subset}` =
 * mean and `${subset}Sd` = s.d., and the subsets in the paper's order (least, random, most, then others).
 */

const ORDER = ['least', 'random', 'most'];

export interface SubsetValue {
  subset: string;
  mean: number | null;
  sd: number | null;
}

export function subsetRows<L extends { id: string; name: string; index: number }>(
  layers: readonly L[],
  currentId: string | null,
  values: (layer: L) => readonly SubsetValue[],
): { rows: ({ layer: string; current: boolean } & Record<string, number | string | boolean | null>)[]; subsets: string[] } {
  const subsets = new Set<string>();
  const rows = [...layers]
    .sort((a, b) => a.index - b.index)
    .map((layer) => {
      const row: { layer: string; current: boolean } & Record<string, number | string | boolean | null> = { layer: layer.name, current: layer.id === currentId };
      for (const v of values(layer)) {
        subsets.add(v.subset);
        row[v.subset] = v.mean;
        row[`${v.subset}Sd`] = v.sd;
      }
      return row;
    });
  return { rows, subsets: [...subsets].sort(bySubset) };
}

const rank = (s: string) => (ORDER.includes(s) ? ORDER.indexOf(s) : ORDER.length);
const bySubset = (a: string, b: string) => rank(a) - rank(b) || a.localeCompare(b);

/** Items with a `subset` in the paper's order (least, random, most, then the rest by name). */
export function orderSubsets<T extends { subset: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => bySubset(a.subset, b.subset));
}
