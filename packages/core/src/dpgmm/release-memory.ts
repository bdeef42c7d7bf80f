/**
 * Hands memory just let go of back at once: a full garbage collection. A layer's predictive models, a finished fit's
 * traces and a sampler worker's chains are large typed arrays (hundreds of MB at d = 64) whose owners are a few small
 * JS objects, so V8 sees no reason to collect them while their thread sits idle or waits on another — and the next
 * allocation then lands on top of that garbage (measured: the process peak of a 10-class, 8,000-example analysis was
 * a genclass refit starting beside 200 MB of the released main model; an idle worker kept its last fit's points and
 * cluster factors until the next fit). A full collection of a small JS heap takes milliseconds.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const collect: () => void = (() => {
  try {
    // `gc` without starting Node with --expose-gc: the flag applies to contexts created after it is set.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : () => {};
  } catch {
    return () => {}; // a runtime without V8 flags: memory is then returned whenever the collector runs
  }
})();

/** Collects garbage now (no-op where the runtime offers no way to). */
export function releaseMemory(): void {
  collect();
}
