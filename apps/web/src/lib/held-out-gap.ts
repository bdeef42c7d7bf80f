/**
 * The Layer page's held-out densities (docs/method.md G.1): per class, the mean log-density of the genclass refit's
 * training points and of the held-out examples under the same class density, and a one-line caption of their gaps.
 */
import { formatNumber } from './format';

export interface HeldOutPoint {
  readonly label: number;
  readonly name: string;
  readonly inSample: number;
  readonly heldOut: number;
  readonly gap: number;
  readonly count: number;
}

/**
 * A neutral one-line summary of the gaps (in-sample − held-out, nats) of the classes that have held-out examples:
 * their mean, range and how many score their training points higher; null when no class has any.
 */
export function heldOutCaption(points: readonly HeldOutPoint[]): string | null {
  if (points.length === 0) return null;
  const gaps = points.map((p) => p.gap);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const largest = points.reduce((a, b) => (b.gap > a.gap ? b : a));
  const smallest = points.reduce((a, b) => (b.gap < a.gap ? b : a));
  const above = gaps.filter((g) => g > 0).length;
  const examples = points.reduce((a, p) => a + p.count, 0);
  const range = points.length > 1 ? `, from ${formatNumber(smallest.gap)} (${smallest.name}) to ${formatNumber(largest.gap)} (${largest.name})` : '';
  return `Mean gap ${formatNumber(mean)} nats over ${points.length} ${points.length === 1 ? 'class' : 'classes'} (${examples} held-out example${examples === 1 ? '' : 's'})${range}; ` +
    `training points score higher than held-out examples in ${above} of ${points.length}.`;
}
