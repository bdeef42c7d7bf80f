/**
 * A class fit's held-out densities (docs/method.md "Held-out densities") as every surface shows them: GraphQL
 * `ClassFit.heldOutDensity`, the class-fits export, `classfit report --per-class`.
 */
import type { ClassFitRow } from '@classfit/db';

/** In-sample vs held-out mean log-density of one class, both under its genclass-refit density. */
export interface HeldOutDensityView {
  /** Held-out examples of the class. */
  readonly count: number;
  /** Mean log-density of the refit's training points of the class, nats. */
  readonly inSampleMeanLogDensity: number;
  /** Mean log-density of the held-out examples of the class, nats. */
  readonly heldOutMeanLogDensity: number;
  /** inSampleMeanLogDensity − heldOutMeanLogDensity, nats. */
  readonly gap: number;
}

type HeldOutColumns = Pick<ClassFitRow, 'heldOutCount' | 'heldOutInSampleMeanLogDensity' | 'heldOutMeanLogDensity'>;

/** The view, or null when the run held nothing of the class out (or predates held-out densities). */
export function heldOutDensityOf(fit: HeldOutColumns): HeldOutDensityView | null {
  const { heldOutCount: count, heldOutInSampleMeanLogDensity: inSample, heldOutMeanLogDensity: heldOut } = fit;
  if (!count || inSample === null || heldOut === null) return null;
  return { count, inSampleMeanLogDensity: inSample, heldOutMeanLogDensity: heldOut, gap: inSample - heldOut };
}
