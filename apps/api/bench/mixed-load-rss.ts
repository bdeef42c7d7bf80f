/**
 * The API server's memory under a mixed GraphQL load (issue 14 §5), measured: a real `classfit serve` on a fresh
 * embedded store holds a small imported-and-analysed model plus one layer given a heavy stage-4-like density
 * (64-D, 10 classes × 80 Student-t components). For `--minutes` it then serves, concurrently:
 *   small      — a models → layers → groupSplit listing (latency p50/p95/max recorded)
 *   heavy      — logDensity of 10,000 reduced points on the heavy layer (the per-request maximum)
 *   aliases    — 15 aliases of that logDensity sharing one 10,000-point variable (refused by the points budget)
 *   listing    — 4 aliases of models → layers → classFits with diagnostics, default page sizes
 *   repeated   — 3,000 repeated fields (refused by the token limit)
 *   sample     — sampleClass of 1,000 points
 * and samples the server's RSS (/proc/<pid>/status VmRSS) every second: at start, after one warm-up request of
 * each kind, its peak, at the end and after 10 s idle. A measurement, not a test; it prints a table and writes <out>/mixed-load-rss.json.
 *
 *   npx tsx apps/api/bench/mixed-load-rss.ts [--minutes 5] [--out /tmp/classfit-mixed-load] [--bin other/apps/api/bin/classfit.mjs]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { createArtifactStore, createDb, layerFits } from '@classfit/db';
import { killAll, spawnChild } from '@classfit/db/testing/processes';
import { eq } from 'drizzle-orm';
import { writeSyntheticFiles } from '../src/testing/synthetic-model.ts';
import { toGlobalId } from '../src/services/views/global-id.ts';
import { toNumericArray } from '../src/services/views/numeric/numeric-array.ts';
import { percentile, rss } from './measure.ts';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '5' }, out: { type: 'string', default: '/tmp/classfit-mixed-load' }, bin: { type: 'string' } },
});
const minutes = Number(values.minutes);
const out = values.out!;
const home = join(out, 'home');
// --bin: another checkout's classfit (e.g. the commit before a change, to compare).
const bin = values.bin ?? fileURLToPath(new URL('../bin/classfit.mjs', import.meta.url));
rmSync(home, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const env = { ...process.env, CLASSFIT_HOME: home, DATABASE_URL: '', CLASSFIT_BACKEND: process.env.CLASSFIT_BACKEND ?? 'wasm' };
const cli = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`classfit ${args.join(' ')} failed:\n${result.stderr}`);
};

function heavyDocument(d = 64, classes = 10, components = 80): Record<string, unknown> {
  const identity = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
  return {
    format: 'classfit.predictive/v1',
    dim: d,
    projection: { components: identity },
    classes: Array.from({ length: classes }, (_, label) => ({
      label,
      name: `class-${label}`,
      n: 1000,
      components: Array.from({ length: components }, (_, k) => ({
        weight: 1 / components,
        df: 70,
        loc: Array.from({ length: d }, (_, j) => label + Math.sin(k * 0.7 + j)),
        scaleTril: identity.map((row, i) => row.map((_, j) => (i === j ? 1 + (k % 7) / 10 : j < i ? 0.02 : 0))),
      })),
      reference: { mean: Array(d).fill(label), variance: Array(d).fill(1) },
    })),
  };
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

// 1. A small model, imported and analysed through the CLI.
const folder = await writeSyntheticFiles();
cli('import', '--layer', `early=${join(folder, 'layer0.npy')}`, '--layer', `late=${join(folder, 'layer1.npy')}`, '--labels', join(folder, 'labels.npy'), '--name', 'tiny', '--dataset', 'synthetic');
cli('analyze', '--model', 'tiny', '--iterations', '20', '--reduce', '2', '--entropy-samples', '50', '--kl-samples', '20', '--workers', '1');

// 2. One layer gets the heavy density (before the server starts, so an older checkout without the store lock can
// be measured too), then the server.
const heavyKey = await createArtifactStore(join(home, 'artifacts')).put(Buffer.from(JSON.stringify(heavyDocument())), 'json');
const store = await createDb({ dataDir: join(home, 'db') });
const [fit] = await store.db.select().from(layerFits).limit(1);
await store.db.update(layerFits).set({ predictiveArtifact: heavyKey }).where(eq(layerFits.layerId, fit.layerId));
const classFitRow = await store.db.query.classFits.findFirst({ where: (f, { eq: is }) => is(f.layerId, fit.layerId) });
await store.close();
const heavyLayer = toGlobalId('Layer', fit.layerId);
const classFitId = toGlobalId('ClassFit', classFitRow!.id);
const server = spawnChild(process.execPath, [bin, 'serve', '--port', '0'], { env });
const listening = await server.waitFor(/listening on http/, 120_000);
const url = listening.slice(listening.indexOf('http'));

const post = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code ?? null };
};
const points = { array: toNumericArray(Float32Array.from({ length: 10_000 * 64 }, (_, i) => ((i * 7919) % 97) / 20), [10_000, 64]) };
const LOG_DENSITY = `logDensity(layerId: $l, points: $p, space: REDUCED) { logDensities { shape } }`;
// Default page sizes: armor's cost limit multiplies explicit `first`s, the listing budget also covers defaults.
const nested = `models { nodes { name layers { nodes { name classFits { nodes { label meanLogDensity diagnostics { rHat } } } } } } }`;
const kinds: Record<string, () => Promise<{ status: number; code: string | null }>> = {
  small: () => post('{ models(first: 20) { totalCount nodes { name layers { nodes { name groupSplit { gap } } } } } }'),
  heavy: () => post(`query($l: ID!, $p: PointsInput!) { ${LOG_DENSITY} }`, { l: heavyLayer, p: points }),
  aliases: () => post(`query($l: ID!, $p: PointsInput!) { ${Array.from({ length: 15 }, (_, i) => `a${i}: ${LOG_DENSITY}`).join(' ')} }`, { l: heavyLayer, p: points }),
  listing: () => post(`{ ${Array.from({ length: 4 }, (_, i) => `m${i}: ${nested}`).join(' ')} }`),
  repeated: () => post(`{ models(first: 1) { nodes { ${Array(3000).fill('name').join(' ')} } } }`),
  sample: () => post(`query($c: ID!) { sampleClass(classFitId: $c, n: 1000, seed: 1) { samples { shape } } }`, { c: classFitId }),
};

// 3. Warm up (one of each), then measure.
const atStart = rss(server.pid);
for (const run of Object.values(kinds)) await run();
await new Promise((r) => setTimeout(r, 3000));
const samples: { t: number; rss: number }[] = [];
const sampleRss = () => samples.push({ t: Date.now(), rss: rss(server.pid) });
sampleRss();
const before = samples[0].rss;
const sampler = setInterval(sampleRss, 1000);
const stats: Record<string, { count: number; ms: number[]; outcomes: Record<string, number> }> = {};
const deadline = Date.now() + minutes * 60_000;
const concurrency: Record<string, number> = { small: 2, heavy: 2, aliases: 1, listing: 1, repeated: 1, sample: 1 };
await Promise.all(
  Object.entries(kinds).flatMap(([kind, run]) =>
    Array.from({ length: concurrency[kind] }, async () => {
      stats[kind] ??= { count: 0, ms: [], outcomes: {} };
      while (Date.now() < deadline) {
        const t0 = performance.now();
        const result = await run().catch((e: Error) => ({ status: 0, code: `fetch: ${e.message}` }));
        const s = stats[kind];
        s.count++;
        s.ms.push(performance.now() - t0);
        const outcome = `${result.status} ${result.code ?? 'ok'}`;
        s.outcomes[outcome] = (s.outcomes[outcome] ?? 0) + 1;
      }
    }),
  ),
);
const atEnd = rss(server.pid);
await new Promise((r) => setTimeout(r, 10_000));
const idle = rss(server.pid);
clearInterval(sampler);
const peak = Math.max(...samples.map((s) => s.rss));
server.signal('SIGTERM');
const exit = await server.exited();
await killAll();
rmSync(folder, { recursive: true, force: true });

const result = {
  minutes,
  load: loadavg(),
  rssMiB: { atStart: Number(mb(atStart)), afterWarmUp: Number(mb(before)), peak: Number(mb(peak)), atEnd: Number(mb(atEnd)), after10sIdle: Number(mb(idle)) },
  serverExit: exit,
  requests: Object.fromEntries(
    Object.entries(stats).map(([kind, s]) => [kind, { count: s.count, p50ms: Math.round(percentile(s.ms, 0.5)), p95ms: Math.round(percentile(s.ms, 0.95)), maxMs: Math.round(Math.max(...s.ms)), outcomes: s.outcomes }]),
  ),
  rssSeriesMiB: samples.filter((_, i) => i % 10 === 0).map((s) => Number(mb(s.rss))),
};
writeFileSync(join(out, 'mixed-load-rss.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`RSS (MiB): at start ${result.rssMiB.atStart}, after warm-up ${result.rssMiB.afterWarmUp}, peak ${result.rssMiB.peak}, at end ${result.rssMiB.atEnd}, after 10 s idle ${result.rssMiB.after10sIdle}; load ${result.load.map((l) => l.toFixed(2)).join(' ')}\n\n`);
process.stdout.write('| kind | requests | p50 ms | p95 ms | max ms | outcomes |\n|---|---|---|---|---|---|\n');
for (const [kind, s] of Object.entries(result.requests)) {
  process.stdout.write(`| ${kind} | ${s.count} | ${s.p50ms} | ${s.p95ms} | ${s.maxMs} | ${Object.entries(s.outcomes).map(([o, n]) => `${o}: ${n}`).join(', ')} |\n`);
}
