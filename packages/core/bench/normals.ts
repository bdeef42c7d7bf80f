/**
 * Normal-draws benchmark: `Rng.fillNormal` next to the `normal()`-per-element loop it replaced,
 * in one run, as normals per second (a whole array, and the d = 64 fills sampleClass makes), and
 * as sampleClass time (2,000 draws from a 10-component 64-D class; before = `normalsOneByOne`).
 * Checks that both give the same bits. Run directly: `npx tsx bench/normals.ts` prints one JSON line.
 */
import { pathToFileURL } from 'node:url';
import { sampleClass } from '../src/density/index.ts';
import { createRng } from '../src/rng/index.ts';
import { normalsOneByOne } from '../src/rng/test-support.ts';
import { benchMixture } from './sampling.ts';

export interface NormalsBenchResult {
  /** Millions of normals per second, best of `repeats`. */
  readonly loopMPerSecond: number;
  readonly fillMPerSecond: number;
  readonly fill64MPerSecond: number;
  /** Best-of-`repeats` milliseconds per sampleClass batch. */
  readonly sampleClassBeforeMs: number;
  readonly sampleClassAfterMs: number;
  readonly bitIdentical: boolean;
  readonly workload: { normals: number; dim: number; components: number; count: number; repeats: number };
}

export function benchNormals({ normals = 1 << 22, dim = 64, components = 10, count = 2_000, repeats = 9 } = {}): NormalsBenchResult {
  const { mixture } = benchMixture(dim, components);
  const outputs: Record<string, Float64Array> = {};
  const runs: Record<string, () => Float64Array> = {
    loop: () => {
      const rng = createRng(1);
      const out = new Float64Array(normals);
      for (let i = 0; i < normals; i++) out[i] = rng.normal();
      return out;
    },
    fill: () => {
      const out = new Float64Array(normals);
      createRng(1).fillNormal(out);
      return out;
    },
    fill64: () => {
      const rng = createRng(1);
      const out = new Float64Array(normals);
      for (let i = 0; i < normals; i += dim) rng.fillNormal(out, i, Math.min(i + dim, normals));
      return out;
    },
    sampleBefore: () => sampleClass(mixture, count, normalsOneByOne(createRng(2))),
    sampleAfter: () => sampleClass(mixture, count, createRng(2)),
  };
  const best: Record<string, number> = {};
  for (let r = 0; r < repeats; r++) {
    for (const [name, run] of Object.entries(runs)) {
      const start = performance.now();
      outputs[name] = run();
      best[name] = Math.min(best[name] ?? Infinity, performance.now() - start);
    }
  }
  const same = (a: Float64Array, b: Float64Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));
  const bitIdentical = same(outputs.loop, outputs.fill) && same(outputs.loop, outputs.fill64) && same(outputs.sampleBefore, outputs.sampleAfter);
  const perSecond = (ms: number) => normals / ms / 1000;
  return {
    loopMPerSecond: perSecond(best.loop),
    fillMPerSecond: perSecond(best.fill),
    fill64MPerSecond: perSecond(best.fill64),
    sampleClassBeforeMs: best.sampleBefore,
    sampleClassAfterMs: best.sampleAfter,
    bitIdentical,
    workload: { normals, dim, components, count, repeats },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(benchNormals()));
