/**
 * One pool of sampler worker threads for the fits of a run (a layer job, or a whole analysis): each thread's
 * start-up (tsx translating the sampler's sources, compiling the wasm kernels; about a second) is paid once per
 * run instead of once per fit. Which thread runs which chains never changes a result.
 */
import { createSamplerWorkerPool, type SamplerWorkerPool } from '@classfit/core/dpgmm';

/** Runs `body` with a fresh pool (`workers` threads kept; default one per core), disposed however `body` ends. */
export async function withSamplerWorkers<T>(workers: number | undefined, body: (pool: SamplerWorkerPool) => Promise<T>): Promise<T> {
  const pool = createSamplerWorkerPool({ workers });
  try {
    return await body(pool);
  } finally {
    await pool.dispose();
  }
}
