/** The `FitRunProgress` view of a run's stored progress, with overall completion derived from it. */
import type { FitRunRow } from '@classfit/db';

/** The GraphQL `FitRunProgress` object. */
export interface FitRunProgressView {
  readonly phase: string | null;
  readonly layer: string | null;
  readonly layerIndex: number | null;
  readonly layerCount: number | null;
  readonly classesDone: number | null;
  readonly classCount: number | null;
  readonly sweep: number | null;
  readonly totalSweeps: number | null;
  readonly fraction: number | null;
  readonly sweepsPerSecond: number | null;
  readonly etaMs: number | null;
  readonly message: string | null;
  readonly updatedAt: string | null;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Overall completion in [0, 1]: finished layers plus the share of the current one (classes done, else sweeps).
 * 1 once the run succeeded; null when the progress says too little.
 */
function fractionOf(run: FitRunRow, p: Record<string, unknown>): number | null {
  if (run.status === 'succeeded') return 1;
  const own = num(p.fraction);
  if (own !== null) return Math.min(1, Math.max(0, own));
  const layerIndex = num(p.layerIndex);
  const layerCount = num(p.layerCount);
  const classesDone = num(p.classesDone);
  const classCount = num(p.classCount);
  const sweep = num(p.sweep);
  const totalSweeps = num(p.totalSweeps);
  const within = classCount ? (classesDone ?? 0) / classCount : totalSweeps ? (sweep ?? 0) / totalSweeps : null;
  if (layerCount && layerIndex !== null) return Math.min(1, (layerIndex + (within ?? 0)) / layerCount);
  return within === null ? null : Math.min(1, within);
}

/** The progress of `run`, or null when it never reported any. */
export function progressView(run: FitRunRow): FitRunProgressView | null {
  if (!run.progress) return run.status === 'succeeded' ? { ...EMPTY, phase: 'done', fraction: 1 } : null;
  const p = run.progress as unknown as Record<string, unknown>;
  return {
    phase: str(p.phase),
    layer: str(p.layer),
    layerIndex: num(p.layerIndex),
    layerCount: num(p.layerCount),
    classesDone: num(p.classesDone),
    classCount: num(p.classCount),
    sweep: num(p.sweep),
    totalSweeps: num(p.totalSweeps),
    fraction: fractionOf(run, p),
    sweepsPerSecond: num(p.sweepsPerSecond),
    etaMs: num(p.etaMs),
    message: str(p.message),
    updatedAt: str(p.updatedAt),
  };
}

const EMPTY: FitRunProgressView = {
  phase: null,
  layer: null,
  layerIndex: null,
  layerCount: null,
  classesDone: null,
  classCount: null,
  sweep: null,
  totalSweeps: null,
  fraction: null,
  sweepsPerSecond: null,
  etaMs: null,
  message: null,
  updatedAt: null,
};
