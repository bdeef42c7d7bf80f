/**
 * Agreement of two models' class groups (largest-gap split into LOW / HIGH density classes, METHOD.md H.1)
 * over the classes both have: a 2 × 2 contingency table, the fraction that agree, and Cohen's κ.
 */

export interface GroupLabels {
  readonly lowLabels: readonly number[];
  readonly highLabels: readonly number[];
}

export interface GroupContingency {
  /** HIGH in both. */ readonly highHigh: number[];
  /** HIGH in the baseline, LOW in the other. */ readonly highLow: number[];
  /** LOW in the baseline, HIGH in the other. */ readonly lowHigh: number[];
  /** LOW in both. */ readonly lowLow: number[];
  /** Classes grouped in both models. */ readonly total: number;
  /** Fraction of those in the same group; null when there are none. */ readonly agreement: number | null;
  /** Cohen's κ (chance-corrected agreement); null when undefined (no classes, or chance agreement is 1). */
  readonly kappa: number | null;
}

/** Contingency of `baseline` against `other`; labels in each cell ascend. */
export function groupContingency(baseline: GroupLabels, other: GroupLabels): GroupContingency {
  const otherHigh = new Set(other.highLabels);
  const otherLow = new Set(other.lowLabels);
  const cells = { highHigh: [] as number[], highLow: [] as number[], lowHigh: [] as number[], lowLow: [] as number[] };
  for (const label of baseline.highLabels) {
    if (otherHigh.has(label)) cells.highHigh.push(label);
    else if (otherLow.has(label)) cells.highLow.push(label);
  }
  for (const label of baseline.lowLabels) {
    if (otherHigh.has(label)) cells.lowHigh.push(label);
    else if (otherLow.has(label)) cells.lowLow.push(label);
  }
  for (const list of Object.values(cells)) list.sort((a, b) => a - b);
  const n = cells.highHigh.length + cells.highLow.length + cells.lowHigh.length + cells.lowLow.length;
  if (n === 0) return { ...cells, total: 0, agreement: null, kappa: null };
  const observed = (cells.highHigh.length + cells.lowLow.length) / n;
  const baseHigh = (cells.highHigh.length + cells.highLow.length) / n;
  const otherHighShare = (cells.highHigh.length + cells.lowHigh.length) / n;
  const chance = baseHigh * otherHighShare + (1 - baseHigh) * (1 - otherHighShare);
  return { ...cells, total: n, agreement: observed, kappa: chance === 1 ? null : (observed - chance) / (1 - chance) };
}
