/**
 * `npm run bench`: the paper-scale sampler layer and the scoring kernels, each
 * next to a peer measured in the same run, reported as ratios.
 *
 *   npm run bench                      full layer: 100 classes × 500 points × 64-D, 400 sweeps
 *   npm run bench -- --sweeps 40       shorter run (per-sweep figures stay comparable)
 *
 * Writes bench/results/latest.json (gitignored) and prints a table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { arg, benchNumpy, benchSampler } from './sampler.ts';
import { benchScoring } from './scoring.ts';

const layer = { classes: arg('classes', 100), points: arg('points', 500), dim: arg('dim', 64), sweeps: arg('sweeps', 400) };
const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`;
console.log(`classfit benchmark on ${machine}`);
console.log(`\n[1/3] sampler: ${layer.classes} classes × ${layer.points} points × ${layer.dim}-D, ${layer.sweeps} sweeps …`);
const sampler = await benchSampler(layer);
console.log(`      ${sampler.seconds.toFixed(1)} s total, ${sampler.perSweepMs.toFixed(1)} ms/sweep, ${sampler.workers} workers, ${sampler.meanClusters.toFixed(1)} clusters/class`);

const numpyClasses = arg('numpy-classes', 4);
const numpySweeps = arg('numpy-sweeps', 2);
console.log(`\n[2/3] NumPy peer (same sampler, plain research code, 1 thread): ${numpyClasses} classes × ${numpySweeps} sweeps, scaled to ${layer.classes} classes …`);
const numpy = await benchNumpy({ ...layer, numpyClasses, numpySweeps });
console.log(`      ${numpy.perSweepMs.toFixed(0)} ms/sweep for the whole layer (scaled)`);

console.log('\n[3/3] scoring: 100 classes × 20 traces × 5 components, d = 64 …');
const scoring = await benchScoring({ secondsPerKernel: arg('scoring-seconds', 10) });

const exact = scoring.find((r) => r.backend === 'exact');
const rows = [
  ['sampler, full layer', `${sampler.seconds.toFixed(1)} s`, `target ≤ 120 s → ${sampler.seconds <= 120 ? 'met' : 'not met'}`],
  ['sampler per sweep: classfit', `${sampler.perSweepMs.toFixed(1)} ms`, `${sampler.workers} workers`],
  ['sampler per sweep: NumPy peer', `${numpy.perSweepMs.toFixed(0)} ms`, `NumPy / classfit = ${(numpy.perSweepMs / sampler.perSweepMs).toFixed(1)}×`],
  ...scoring.map((r) => [
    `scoring: ${r.backend}`,
    `${(r.pointComponentsPerSecond / 1e6).toFixed(2)} M point·components/s`,
    `${r.gflops.toFixed(2)} GFLOP/s${exact && r !== exact ? ` · ${(r.pointComponentsPerSecond / exact.pointComponentsPerSecond).toFixed(2)}× exact kernel` : ''}`,
  ]),
];
console.log('\n| measure | value | comparison |\n|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}latest.json`, JSON.stringify({ date: new Date().toISOString(), machine, layer, sampler, numpy, scoring }, null, 2));
console.log(`\nwrote ${resultsDir}latest.json`);
