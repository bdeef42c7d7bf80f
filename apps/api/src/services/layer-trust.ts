/**
 * How far one layer's reported figures can be trusted, from its stored rows: the evidence for its largest-gap
 * split (split-evidence.ts) and how far its class figures move between sampler chains (chain-figures.ts).
 * Read by `classfit report` (model-report.ts).
 */
import type { ClassFitRow, GroupSplitRow } from '@classfit/db';
import { SPLIT_SIGNIFICANCE_LEVEL, splitPasses } from './analysis/split-evidence.ts';

/** The split's evidence; null for runs stored before the check or with < 3 classes. */
export interface SplitSignificanceReport {
  readonly passes: boolean;
  readonly pValue: number;
  readonly level: number;
  readonly gap: { readonly low: number; readonly high: number };
  readonly sdRatio: { readonly estimate: number; readonly low: number; readonly high: number } | null;
  readonly stability: number;
  readonly intervalLevel: number;
}

/** One class's between-chain figures. */
export interface ClassChainReport {
  /** [chains] each chain's own mean log-density; the pooled value is their mean. */
  readonly meanLogDensities: number[];
  readonly meanLogDensitySd: number | null;
  /** [chains] each chain's relative entropy, or null when not computed. */
  readonly relativeEntropies: number[] | null;
  readonly relativeEntropySd: number | null;
  readonly logLikelihoodRHat: number | null;
  readonly clusterCountRHat: number | null;
  /** Chains (of `meanLogDensities.length`) whose own split keeps the class in its group. */
  readonly groupAgreement: number | null;
}

/** The layer's between-chain figures over its classes; null for runs stored before chains were compared. */
export interface LayerChainsReport {
  readonly chains: number;
  /** Chains whose own split equals the pooled one, and each chain's largest gap. */
  readonly chainsAgreeing: number | null;
  readonly chainGaps: number[] | null;
  /** Median and largest between-chain s.d. over the classes (nats). */
  readonly meanLogDensitySd: { readonly median: number | null; readonly max: number | null };
  readonly relativeEntropySd: { readonly median: number | null; readonly max: number | null };
  /** Largest R-hat over the classes. */
  readonly maxLogLikelihoodRHat: number | null;
  readonly maxClusterCountRHat: number | null;
}

const present = (xs: (number | null | undefined)[]) => xs.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const max = (xs: number[]) => (xs.length ? Math.max(...xs) : null);

/** The split's evidence as stored. */
export function splitSignificanceReport(split: GroupSplitRow | undefined): SplitSignificanceReport | null {
  if (!split || split.modesPValue === null) return null;
  return {
    passes: splitPasses(split.modesPValue)!,
    pValue: split.modesPValue,
    level: SPLIT_SIGNIFICANCE_LEVEL,
    gap: { low: split.gapLow!, high: split.gapHigh! },
    sdRatio: split.sdRatio === null ? null : { estimate: split.sdRatio, low: split.sdRatioLow!, high: split.sdRatioHigh! },
    stability: split.stability!,
    intervalLevel: split.intervalLevel!,
  };
}

/** One class's between-chain figures as stored; null for rows stored before chains were compared. */
export function classChainReport(fit: ClassFitRow): ClassChainReport | null {
  if (fit.chainMeanLogDensities === null) return null;
  return {
    meanLogDensities: fit.chainMeanLogDensities,
    meanLogDensitySd: fit.meanLogDensityChainSd,
    relativeEntropies: fit.chainRelativeEntropies,
    relativeEntropySd: fit.relativeEntropyChainSd,
    logLikelihoodRHat: fit.diagnostics?.rHat ?? null,
    clusterCountRHat: fit.diagnostics?.clusterCountRHat ?? null,
    groupAgreement: fit.groupChainAgreement,
  };
}

/** The layer's between-chain figures from its class fits. */
export function layerChainsReport(fits: readonly ClassFitRow[], split: GroupSplitRow | undefined): LayerChainsReport | null {
  const classes = fits.map(classChainReport).filter((c): c is ClassChainReport => c !== null);
  if (classes.length === 0) return null;
  const ld = present(classes.map((c) => c.meanLogDensitySd));
  const re = present(classes.map((c) => c.relativeEntropySd));
  return {
    chains: Math.max(...classes.map((c) => c.meanLogDensities.length)),
    chainsAgreeing: split?.chainsAgreeing ?? null,
    chainGaps: split?.chainGaps ?? null,
    meanLogDensitySd: { median: median(ld), max: max(ld) },
    relativeEntropySd: { median: median(re), max: max(re) },
    maxLogLikelihoodRHat: max(present(classes.map((c) => c.logLikelihoodRHat))),
    maxClusterCountRHat: max(present(classes.map((c) => c.clusterCountRHat))),
  };
}
