/**
 * Turns an analysis run's progress into one progress bar per fit step
 * ("stage3/main", "stage3/kl-least", …): a new bar when the step changes,
 * closed when the next one opens or the run stores its results. Used by `classfit analyze` and the demo.
 */
import type { RunProgress } from '@classfit/db';

export interface StepBar {
  update(done: number, extra?: string): void;
  finish(extra?: string): void;
}

export function fitStepBars(openBar: (step: string, totalSweeps: number) => StepBar) {
  let bar: StepBar | undefined;
  let step = '';
  const finish = () => {
    bar?.finish();
    bar = undefined;
    step = '';
  };
  return {
    onProgress(p: RunProgress): void {
      // A fit runs beside the scoring lane (layer-schedule.ts), whose phases come between its sweeps: only another
      // fit step or the store closes its bar.
      const current = p.phase === 'fit' && p.message && p.totalSweeps ? p.message : p.phase === 'store' || p.phase === 'done' ? '' : step;
      if (current !== step) {
        finish();
        if (current) bar = openBar(current, p.totalSweeps!);
        step = current;
      }
      if (p.phase === 'fit') bar?.update(p.sweep ?? 0, p.backend);
    },
    finish,
  };
}
