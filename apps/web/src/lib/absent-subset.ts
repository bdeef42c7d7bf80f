/**
 * Why a memorization subset has no results at a layer, in one sentence, from what the model stores about its
 * subsets (docs/method.md J): never silently show another subset instead.
 */
export interface SubsetFacts {
  readonly purpose: 'KL' | 'GENCLASS';
  readonly name: string;
  readonly classCount?: number | null;
  readonly rule: string;
}

/** The reason KL divergences of `subset` are absent, given the model's stored subsets. */
export function absentKlReason(subset: string, subsets: readonly SubsetFacts[]): string {
  const stored = subsets.find((s) => s.purpose === 'KL' && s.name === subset);
  if (!stored) {
    return subsets.some((s) => s.purpose === 'KL')
      ? `the model has no "${subset}" subset (it needs memorization scores)`
      : `the model has no KL subsets (they need memorization scores or split files)`;
  }
  const classes = stored.classCount ?? 0;
  if (classes === 0) return `no class met its rule (${stored.rule})`;
  if (classes === 1) return `only one class met its rule (${stored.rule}); KL needs two`;
  return `the analysis did not fit it (its ${classes} classes were not part of this run)`;
}
