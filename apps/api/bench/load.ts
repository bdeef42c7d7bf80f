/**
 * The API under dashboard load (issue 8, "What must be shown"): a store with `--models` analysed models (4 layers ×
 * 100 classes each, seeded through the db queries like the GraphQL tests: every result table filled, a real
 * 100-class predictive file), one viewer with an API token (so tokens are on), a real `classfit serve` on it, then
 * `--clients` concurrent clients for `--seconds` replaying the dashboard's own GraphQL documents (apps/web/src/gql)
 * in a page-visit mix: the models listing with filters, a model's heatmap, a layer page (its group split), the
 * layer's class fits, a compareModels of two models, and a logDensity of 50 points. Per query kind and overall it
 * prints count, throughput, p50/p95/p99/max latency and errors, plus the server's peak RSS and CPU time, as markdown, and writes
 * <out>/load-<engine>.json. Engines: embedded PGlite (a temporary CLASSFIT_HOME) and PostgreSQL (a fresh database on
 * `--postgres`, created and dropped here, DATABASE_URL set for serve). A measurement, not a test; the clients run in
 * this process, on the same machine as the server.
 *
 *   npx tsx apps/api/bench/load.ts [--clients 50] [--seconds 30] [--models 20] [--engine pglite|postgres|both]
 *                                  [--postgres postgres://postgres@127.0.0.1:5432/test] [--out /tmp/classfit-load]
 *                                  [--server-node-options='--cpu-prof --cpu-prof-dir=/tmp/prof']  (node flags for serve)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createArtifactStore, createDb } from '@classfit/db';
import { openFreshPostgres } from '@classfit/db/testing';
import { killAll, spawnChild } from '@classfit/db/testing/processes';
import { cpuSeconds, percentile, rss } from './measure.ts';
import { picker, requestKinds, seedBenchStore, type Request } from './load-kinds.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    models: { type: 'string', default: '20' },
    engine: { type: 'string', default: 'both' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    out: { type: 'string', default: '/tmp/classfit-load' },
    'server-node-options': { type: 'string', default: '' },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const modelCount = Number(values.models);
if (![clients, seconds, modelCount].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--clients, --seconds and --models take positive integers');
if (modelCount < 2) throw new Error('--models must be at least 2 (compareModels compares two)');
type Engine = 'pglite' | 'postgres';
const engines: readonly Engine[] | null = values.engine === 'both' ? ['pglite', 'postgres'] : values.engine === 'pglite' || values.engine === 'postgres' ? [values.engine] : null;
if (!engines) throw new Error(`--engine must be pglite, postgres or both, not ${values.engine}`);
const LAYERS = 4;
const CLASSES = 100;
const bin = fileURLToPath(new URL('../bin/classfit.mjs', import.meta.url));
const SHAPE = { models: modelCount, layers: LAYERS, classes: CLASSES };
const KINDS = requestKinds(SHAPE);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

interface KindStats {
  count: number;
  errors: number;
  ms: number[];
  /** When each request started, seconds into the run (same order as `ms`). */
  startedS: number[];
  firstError?: string;
}

async function runEngine(engine: Engine) {
  const home = join(values.out!, `home-${engine}`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const seedStart = performance.now();
  const pg = engine === 'postgres' ? await openFreshPostgres(values.postgres!) : null;
  const handle = pg ?? (await createDb({ dataDir: join(home, 'db') }));
  const { ids, viewer: { token } } = await seedBenchStore(handle.db, createArtifactStore(join(home, 'artifacts')), SHAPE);
  const seedS = (performance.now() - seedStart) / 1000;
  // The embedded store is opened by one process at a time: hand it to the server.
  if (!pg) await handle.close();
  const env = { ...process.env, CLASSFIT_HOME: home, DATABASE_URL: pg?.url ?? '', CLASSFIT_BACKEND: process.env.CLASSFIT_BACKEND ?? 'wasm' };
  const nodeOptions = values['server-node-options']!.split(/\s+/).filter(Boolean);
  const server = spawnChild(process.execPath, [...nodeOptions, bin, 'serve', '--port', '0'], { env });
  try {
    const listening = await server.waitFor(/listening on http/, 120_000);
    const url = /listening on (\S+)/.exec(listening)![1];
    let lastData: any = null;
    const post = async ({ query, variables }: Request): Promise<string | null> => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
      if (response.status !== 200 || body.errors?.length || !body.data) return `${response.status} ${body.errors?.[0]?.extensions?.code ?? ''} ${body.errors?.[0]?.message ?? ''}`.trim();
      lastData = body.data;
      return null;
    };
    // Tokens are on: the same request without one is refused.
    const anonymous = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ models(first: 1) { totalCount } }' }) });
    const refusal = (await anonymous.json()) as { errors?: { extensions?: { code?: string } }[] };
    if (refusal.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED') throw new Error(`serve on ${engine} answered a request without a token: ${JSON.stringify(refusal).slice(0, 300)}`);
    // Warm-up: one request of each kind, which must succeed (a wrong query would otherwise be measured as errors).
    for (const [kind, { request, check }] of Object.entries(KINDS)) {
      const error = await post(request(ids, picker(0)));
      if (error) throw new Error(`warm-up ${kind} failed on ${engine}: ${error}`);
      if (!check(lastData)) throw new Error(`warm-up ${kind} on ${engine} answered less than the seeded data: ${JSON.stringify(lastData).slice(0, 500)}`);
    }
    const rssAfterWarmUp = rss(server.pid);
    let peakRss = rssAfterWarmUp;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rss(server.pid))), 250);
    const stats: Record<string, KindStats> = Object.fromEntries(Object.keys(KINDS).map((k) => [k, { count: 0, errors: 0, ms: [], startedS: [] }]));
    const totalWeight = Object.values(KINDS).reduce((s, k) => s + k.weight, 0);
    const loadBefore = load();
    const cpuBefore = cpuSeconds(server.pid);
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        const pick = picker(client + 1);
        while (performance.now() < deadline) {
          let w = pick(totalWeight);
          const [kind, spec] = Object.entries(KINDS).find(([, k]) => (w -= k.weight) < 0)!;
          const t0 = performance.now();
          const error = await post(spec.request(ids, pick)).catch((e: Error) => `fetch: ${e.message}`);
          const s = stats[kind];
          s.count++;
          s.ms.push(performance.now() - t0);
          s.startedS.push((t0 - started) / 1000);
          if (error) {
            s.errors++;
            s.firstError ??= error;
          }
        }
      }),
    );
    const elapsedS = (performance.now() - started) / 1000;
    const serverCpuS = cpuSeconds(server.pid) - cpuBefore;
    clearInterval(sampler);
    const loadAfter = load();
    const row = (kind: string, s: KindStats) => ({
      kind,
      count: s.count,
      perSecond: s.count / elapsedS,
      p50: percentile(s.ms, 0.5),
      p95: percentile(s.ms, 0.95),
      p99: percentile(s.ms, 0.99),
      max: Math.max(...s.ms),
      // When the slowest request started (s into the run): a stall at the start is the cold store, not the load.
      maxStartedS: s.startedS[s.ms.indexOf(Math.max(...s.ms))] ?? NaN,
      errors: s.errors,
      firstError: s.firstError,
    });
    const all: KindStats = { count: 0, errors: 0, ms: Object.values(stats).flatMap((s) => s.ms), startedS: Object.values(stats).flatMap((s) => s.startedS) };
    for (const s of Object.values(stats)) {
      all.count += s.count;
      all.errors += s.errors;
    }
    const rows = [...Object.entries(stats).map(([k, s]) => row(k, s)), row('overall', all)];
    const result = { engine, clients, seconds, models: modelCount, layers: LAYERS, classes: CLASSES, seedS, elapsedS, serverCpuS, rssMiB: { afterWarmUp: rssAfterWarmUp / 2 ** 20, peak: peakRss / 2 ** 20 }, load: { before: loadBefore, after: loadAfter }, rows };
    writeFileSync(join(values.out!, `load-${engine}.json`), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    server.signal('SIGTERM');
    await server.exited();
    await killAll();
    if (pg) await pg.close();
    rmSync(home, { recursive: true, force: true });
  }
}

mkdirSync(values.out!, { recursive: true });
const f = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
for (const engine of engines) {
  const r = await runEngine(engine);
  console.log(`\n### ${engine}: ${r.clients} clients × ${r.elapsedS.toFixed(1)} s, ${r.models} models × ${r.layers} layers × ${r.classes} classes, token auth`);
  console.log(`seeded in ${r.seedS.toFixed(1)} s; server RSS after warm-up ${r.rssMiB.afterWarmUp.toFixed(0)} MiB, peak ${r.rssMiB.peak.toFixed(0)} MiB; server CPU ${r.serverCpuS.toFixed(1)} s over ${r.elapsedS.toFixed(1)} s wall (its own process; PostgreSQL backends not counted); load (1/5/15 min) before ${r.load.before}, after ${r.load.after}\n`);
  console.log('| query | count | req/s | p50 ms | p95 ms | p99 ms | max ms (started at s) | errors |\n|---|---|---|---|---|---|---|---|');
  for (const x of r.rows) console.log(`| ${x.kind} | ${x.count} | ${x.perSecond.toFixed(1)} | ${f(x.p50)} | ${f(x.p95)} | ${f(x.p99)} | ${f(x.max)} (${x.maxStartedS.toFixed(1)}) | ${x.errors}${x.firstError ? ` (first: ${x.firstError.slice(0, 120)})` : ''} |`);
}
