/**
 * Where a dashboard request's server time goes, per kind of the load benchmark's mix (bench/load-kinds.ts): the
 * SQL statements it sends and the in-process time (wall, and this process's CPU) of one request (Apollo's executeOperation, no HTTP, no token
 * look-up), on a store seeded like the load benchmark's. A measurement, not a test.
 *
 *   npx tsx apps/api/bench/statements.ts [--models 20] [--repeat 30] [--engine pglite|postgres]
 *                                        [--postgres postgres://postgres@127.0.0.1:5432/test] [--only heatmap]
 *                                        [--cpu-prof out.cpuprofile]  (profiles the measured requests only)
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { openFreshPostgres, testEngines } from '@classfit/db/testing';
import { openTestApi } from '../src/testing/graphql-harness.ts';
import { picker, requestKinds, seedBenchStore } from './load-kinds.ts';
import { percentile } from './measure.ts';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: '20' },
    repeat: { type: 'string', default: '30' },
    engine: { type: 'string', default: 'pglite' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const shape = { models: Number(values.models), layers: 4, classes: 100 };
const repeat = Number(values.repeat);
const engine = values.engine === 'postgres' ? { name: 'postgres' as const, open: () => openFreshPostgres(values.postgres!) } : testEngines()[0];
const api = await openTestApi(engine);
try {
  const { ids, viewer } = await seedBenchStore(api.app.db, api.app.artifacts, shape);
  console.log(`${engine.name}: ${shape.models} models × ${shape.layers} layers × ${shape.classes} classes; ${repeat} requests per kind after one warm-up\n`);
  const profiler = values['cpu-prof'] ? new Session() : null;
  profiler?.connect();
  await profiler?.post('Profiler.enable');
  console.log('| query | statements | p50 ms | mean ms | CPU ms | response KiB |\n|---|---|---|---|---|---|');
  for (const [kind, spec] of Object.entries(requestKinds(shape)).filter(([k]) => !values.only || k === values.only)) {
    const warmUp = spec.request(ids, picker(0));
    const first = await api.execute(warmUp.query, warmUp.variables, viewer.caller);
    if (first.errors?.length || !spec.check(first.data)) throw new Error(`${kind} failed: ${JSON.stringify(first).slice(0, 400)}`);
    const ms: number[] = [];
    let statements = 0;
    let bytes = 0;
    const pick = picker(1);
    await profiler?.post('Profiler.start');
    const cpu = process.cpuUsage();
    for (let i = 0; i < repeat; i++) {
      const { query, variables } = spec.request(ids, pick);
      api.queries.reset();
      const t0 = performance.now();
      const result = await api.execute(query, variables, viewer.caller);
      ms.push(performance.now() - t0);
      statements += api.queries.count;
      bytes += JSON.stringify(result).length;
    }
    const { user, system } = process.cpuUsage(cpu);
    const profile = await profiler?.post('Profiler.stop');
    if (profile) writeFileSync(values['cpu-prof']!.replace(/(\.cpuprofile)?$/, `-${kind}.cpuprofile`), JSON.stringify(profile.profile));
    const mean = ms.reduce((s, x) => s + x, 0) / ms.length;
    console.log(`| ${kind} | ${(statements / repeat).toFixed(1)} | ${percentile(ms, 0.5).toFixed(1)} | ${mean.toFixed(1)} | ${((user + system) / 1000 / repeat).toFixed(1)} | ${(bytes / repeat / 1024).toFixed(1)} |`);
  }
} finally {
  await api.close();
}
