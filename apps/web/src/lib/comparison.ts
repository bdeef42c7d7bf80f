/**
 * Reshaping a model comparison (baseline first, depths aligned to the baseline's layers) for the Compare
 * page's charts and tables. Pure functions of the API's answer.
 */
import { groupContingency, type GroupContingency } from './group-agreement';

export interface ComparisonLike {
  models: readonly { id: string; name: string }[];
  depths: readonly {
    relativeDepth: number;
    entries: readonly {
      model: { id: string };
      layer: { name: string; relativeDepth: number } | null;
      mean: number | null;
      sd: number | null;
      delta: number | null;
      values: readonly (number | null)[];
      groupSplit: { gap: number; lowCount: number; highCount: number; lowLabels: readonly number[]; highLabels: readonly number[] } | null;
      groupAgreement: number | null;
    }[];
  }[];
}

export interface ProfilePoint {
  relativeDepth: number;
  layer: string;
  mean: number | null;
  sd: number | null;
  gap: number | null;
  highShare: number | null;
}

/**
 * Each model's own layers along relative depth (a model's layer appears once even when it is the nearest
 * to several baseline depths), shallowest first.
 */
export function profiles(comparison: ComparisonLike): Map<string, ProfilePoint[]> {
  const out = new Map<string, ProfilePoint[]>(comparison.models.map((m) => [m.id, []]));
  for (const depth of comparison.depths) {
    for (const entry of depth.entries) {
      if (!entry.layer) continue;
      const points = out.get(entry.model.id);
      if (!points || points.some((p) => p.layer === entry.layer!.name)) continue;
      const split = entry.groupSplit;
      points.push({
        relativeDepth: entry.layer.relativeDepth,
        layer: entry.layer.name,
        mean: entry.mean,
        sd: entry.sd,
        gap: split?.gap ?? null,
        highShare: split ? split.highCount / Math.max(1, split.highCount + split.lowCount) : null,
      });
    }
  }
  for (const points of out.values()) points.sort((a, b) => a.relativeDepth - b.relativeDepth);
  return out;
}

/** One row per aligned depth: `depth` label and, per non-baseline model id, its delta of the mean. */
export function deltaRows(comparison: ComparisonLike): Record<string, number | string | null>[] {
  return comparison.depths.map((depth) => {
    const base = depth.entries[0]?.layer;
    const row: Record<string, number | string | null> = { depth: depth.relativeDepth.toFixed(2), layer: base?.name ?? '–' };
    for (const entry of depth.entries.slice(1)) row[entry.model.id] = entry.delta;
    return row;
  });
}

export interface ClassPair {
  label: number;
  baseline: number;
  other: number;
  agreement: 'both high' | 'both low' | 'differ' | 'ungrouped';
}

/** Per class at one aligned depth: the statistic in the baseline and in model `index`, and whether their groups agree. */
export function classPairs(comparison: ComparisonLike, depthIndex: number, index: number): ClassPair[] {
  const depth = comparison.depths[depthIndex];
  const base = depth?.entries[0];
  const other = depth?.entries[index];
  if (!base || !other) return [];
  const group = (split: typeof base.groupSplit, label: number) =>
    split?.highLabels.includes(label) ? 'HIGH' : split?.lowLabels.includes(label) ? 'LOW' : null;
  const pairs: ClassPair[] = [];
  base.values.forEach((value, label) => {
    const otherValue = other.values[label];
    if (value === null || otherValue === null || otherValue === undefined) return;
    const a = group(base.groupSplit, label);
    const b = group(other.groupSplit, label);
    const agreement = a === null || b === null ? 'ungrouped' : a !== b ? 'differ' : a === 'HIGH' ? 'both high' : 'both low';
    pairs.push({ label, baseline: value, other: otherValue, agreement });
  });
  return pairs;
}

/** The contingency of each non-baseline model's groups against the baseline's at one aligned depth. */
export function contingencies(comparison: ComparisonLike, depthIndex: number): (GroupContingency | null)[] {
  const depth = comparison.depths[depthIndex];
  if (!depth) return [];
  const base = depth.entries[0]?.groupSplit;
  return depth.entries.slice(1).map((entry) => (base && entry.groupSplit ? groupContingency(base, entry.groupSplit) : null));
}

/**
 * Every model's class groups at one aligned depth, as rows of group codes (0 low, 1 high, null unknown) by
 * label, and the classes every model puts in the same group.
 */
export function groupGrid(comparison: ComparisonLike, depthIndex: number): { rows: (number | null)[][]; allHigh: number[]; allLow: number[] } {
  const entries = comparison.depths[depthIndex]?.entries ?? [];
  const classes = Math.max(0, ...entries.map((e) => e.values.length));
  const rows = entries.map((entry) => {
    const high = new Set(entry.groupSplit?.highLabels ?? []);
    const low = new Set(entry.groupSplit?.lowLabels ?? []);
    return Array.from({ length: classes }, (_, label) => (high.has(label) ? 1 : low.has(label) ? 0 : null));
  });
  const all = (code: number) => Array.from({ length: classes }, (_, label) => label).filter((label) => rows.length > 0 && rows.every((row) => row[label] === code));
  return { rows, allHigh: all(1), allLow: all(0) };
}

/** Ids in the order the API wants: the baseline first, then the rest in URL order, without repeats. */
export function baselineFirst(ids: readonly string[], baseline: string | undefined): string[] {
  const unique = [...new Set(ids)];
  if (!baseline || !unique.includes(baseline)) return unique;
  return [baseline, ...unique.filter((id) => id !== baseline)];
}
