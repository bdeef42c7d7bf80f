/**
 * Monte-Carlo draws benchmark: sampleClass (all random numbers first, then L z per component
 * on the WebAssembly SIMD or TypeScript kernel) next to the one-sample-at-a-time loop it
 * replaced, on one trace of a 64-D class (12 components, 10,000 draws per batch, as
 * traceMonteCarlo asks). Checks that the three give the same bits.
 * Run directly: `npx tsx bench/sampling.ts` prints one JSON line.
 */
import { pathToFileURL } from 'node:url';
import { sampleClass } from '../src/density/index.ts';
import { component, mixtureOf, sampleComponentsOneByOne } from '../src/density/test-support.ts';
import { createRng } from '../src/rng/index.ts';

export interface SamplingBenchResult {
  /** Best-of-`repeats` milliseconds per batch of `count` draws. */
  readonly oneByOneMs: number;
  readonly batchedJsMs: number;
  readonly batchedWasmMs: number;
  readonly bitIdentical: boolean;
  readonly workload: { dim: number; components: number; count: number; repeats: number };
}

/** The draws benchmarks' class: `components` equal-weight Student-t components with random correlated shapes. */
export function benchMixture(dim: number, components: number) {
  const rng = createRng(5);
  const mixtureComponents = Array.from({ length: components }, (_, k) => {
    const a = Array.from({ length: dim * dim }, () => rng.normal());
    const shape = Array.from({ length: dim * dim }, (_, e) => {
      const [i, j] = [Math.floor(e / dim), e % dim];
      let s = i === j ? 1 : 0;
      for (let t = 0; t < dim; t++) s += (a[i * dim + t] * a[j * dim + t]) / dim;
      return s;
    });
    return component(1 / components, 10 + k, Array.from({ length: dim }, () => rng.normal()), shape);
  });
  return { mixtureComponents, mixture: mixtureOf(0, mixtureComponents, new Array(dim).fill(0), new Array(dim).fill(1)) };
}

export function benchSampling({ dim = 64, components = 12, count = 10_000, repeats = 7 } = {}): SamplingBenchResult {
  const { mixtureComponents, mixture } = benchMixture(dim, components);
  const runs = {
    oneByOne: () => sampleComponentsOneByOne(mixtureComponents, count, createRng(1)),
    batchedJs: () => sampleClass(mixture, count, createRng(1), 'js'),
    batchedWasm: () => sampleClass(mixture, count, createRng(1), 'wasm-simd'),
  };
  const best = { oneByOne: Infinity, batchedJs: Infinity, batchedWasm: Infinity };
  const outputs: Partial<Record<keyof typeof runs, Float64Array>> = {};
  for (let r = 0; r < repeats; r++) {
    for (const name of Object.keys(runs) as (keyof typeof runs)[]) {
      const start = performance.now();
      outputs[name] = runs[name]();
      best[name] = Math.min(best[name], performance.now() - start);
    }
  }
  const bytes = (x: Float64Array | undefined) => Buffer.from(x!.buffer);
  const bitIdentical = bytes(outputs.oneByOne).equals(bytes(outputs.batchedJs)) && bytes(outputs.oneByOne).equals(bytes(outputs.batchedWasm));
  return { oneByOneMs: best.oneByOne, batchedJsMs: best.batchedJs, batchedWasmMs: best.batchedWasm, bitIdentical, workload: { dim, components, count, repeats } };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(benchSampling()));
