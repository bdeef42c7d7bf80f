/**
 * A paper-scale model end to end, measured (issue 10 §4): a synthetic network with C classes × N examples and four
 * stages of 64/128/256/512 raw dimensions (the ResNet-18 stage widths) goes through `classfit import` → `classfit
 * analyze` (paper defaults) → `classfit serve` → one stage-4 `logDensity` query of 1,000 raw points. Each step runs
 * as its own process under `/usr/bin/time -v`; the wall time, peak RSS, the machine's load and the artifact sizes
 * are printed as a markdown table and written to <out>/paper-scale.json. A measurement, not a test.
 *
 *   npx tsx apps/api/bench/paper-scale.ts --out /tmp/paper-scale [--classes 100] [--per-class 500] [--points 1000]
 *                                         [--analyze="--chains 2 …"] [--shape real|legacy] [--no-serve]
 *   issue 13's model: --classes 10 --per-class 800 --no-serve
 *
 * The activations: per class a latent layer shaped like pooled activations (core bench/sampler-data.ts), mapped to
 * D raw units. `--shape real` (default): realShapedLayer latents of the paper's reduced widths 16/16/64/64 (fits keep
 * real layers' cluster counts) in the first units, small noise in the others, so that the SVD hands the sampler the
 * latent (a random ReLU map instead — the earlier layout — left every stage-3/4 class at K0 = 6 clusters);
 * `--shape legacy`: the earlier 64-D syntheticLayer latent for every stage through a fixed random linear map and a
 * ReLU, deeper stages separating the classes more (≈ 6 clusters per class).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { predictiveJsonChunks, readPredictiveFile } from '@classfit/core/density';
import { writeNpy, writeNpz } from '@classfit/core/io';
import { createRng } from '@classfit/core/rng';
import { realShapedLayer, syntheticLayer } from '../../../packages/core/bench/sampler-data.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/classfit-paper-scale' },
    classes: { type: 'string', default: '100' },
    'per-class': { type: 'string', default: '500' },
    points: { type: 'string', default: '1000' },
    analyze: { type: 'string', default: '' },
    port: { type: 'string', default: '4517' },
    shape: { type: 'string', default: 'real' },
    'no-serve': { type: 'boolean', default: false },
  },
});
const out = values.out!;
const classes = Number(values.classes);
const perClass = Number(values['per-class']);
const pointCount = Number(values.points);
const widths = [64, 128, 256, 512];
const home = join(out, 'home');
const layout = join(out, 'layout');
const bin = new URL('../bin/classfit.mjs', import.meta.url).pathname;
const env = { ...process.env, CLASSFIT_HOME: home, DATABASE_URL: '', NODE_OPTIONS: '--max-old-space-size=16384' };

interface Step {
  step: string;
  wallS: number;
  /** User + system CPU seconds of the process (on 2 cores up to 2 × wall); wall time alone hides a loaded machine. */
  cpuS?: number;
  peakRssMb: number;
  load: string;
  note?: string;
}
const steps: Step[] = [];
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

/** The layout: labels, memorization scores and one raw stage per width (see the header for the two shapes). */
function writeLayout(): void {
  mkdirSync(layout, { recursive: true });
  const n = classes * perClass;
  const labels = new Int32Array(n);
  for (let c = 0; c < classes; c++) labels.fill(c, c * perClass, (c + 1) * perClass);
  const real = values.shape === 'real';
  widths.forEach((width, stage) => {
    const x = new Float32Array(n * width);
    if (real) {
      // The latent itself in the first `dim` units, small noise in the rest: the uncentred SVD keeps (a rotation of)
      // the latent, so the sampler sees the real-shaped layer (values are not clipped at 0).
      const dim = [16, 16, 64, 64][stage];
      const latent = realShapedLayer({ classes, points: perClass, dim, seed: 101 + stage });
      const rng = createRng(7, stage);
      latent.forEach((cls, c) => {
        for (let i = 0; i < perClass; i++) {
          const row = (c * perClass + i) * width;
          for (let u = 0; u < width; u++) x[row + u] = u < dim ? cls.points[i * dim + u] : 0.01 * Math.abs(rng.normal());
        }
      });
      writeFileSync(join(layout, `avg_pooling_${stage}_acts.npy`), writeNpy({ dtype: 'float32', shape: [n, width], data: x }));
      return;
    }
    const latent = syntheticLayer({ classes, points: perClass, dim: 64, seed: 101 + stage });
    const rng = createRng(7, stage);
    const w = Float64Array.from({ length: width * 64 }, () => rng.normal() / 8);
    const b = Float64Array.from({ length: width }, () => 0.5 * rng.normal() - 0.25 * (3 - stage));
    latent.forEach((cls, c) => {
      for (let i = 0; i < perClass; i++) {
        const z = cls.points.subarray(i * 64, (i + 1) * 64);
        const row = (c * perClass + i) * width;
        for (let u = 0; u < width; u++) {
          let s = b[u];
          for (let j = 0; j < 64; j++) s += w[u * 64 + j] * z[j] * (j === 0 ? 0.05 : 1 + stage / 2);
          x[row + u] = Math.max(0, s);
        }
      }
    });
    writeFileSync(join(layout, `avg_pooling_${stage}_acts.npy`), writeNpy({ dtype: 'float32', shape: [n, width], data: x }));
  });
  const mem = createRng(13, 0);
  const trMem = Float32Array.from({ length: n }, () => (mem.uniform() < 0.1 ? 0.7 + 0.3 * mem.uniform() : 0.02 * mem.uniform()));
  writeFileSync(join(layout, 'labels.npy'), writeNpy({ dtype: 'int32', shape: [n], data: labels }));
  writeFileSync(join(layout, 'mem_scores.npz'), writeNpz({ tr_mem: { dtype: 'float32', shape: [n], data: trMem }, tr_labels: { dtype: 'int32', shape: [n], data: labels } }));
}

/** Runs `classfit …args` under /usr/bin/time -v; returns its stdout. */
function timed(step: string, args: string[]): string {
  const before = load();
  const run = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`${step} failed (${run.status}):\n${run.stderr.slice(-4000)}`);
  steps.push({ step, ...timeFigures(run.stderr), load: `${before} → ${load()}` });
  return run.stdout;
}

function timeFigures(stderr: string): { wallS: number; cpuS: number; peakRssMb: number } {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const cpu = ['User', 'System'].map((kind) => Number(new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? NaN));
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(stderr);
  const seconds = wall ? wall[1].split(':').reduce((s, part) => s * 60 + Number(part), 0) : NaN;
  return { wallS: seconds, cpuS: cpu[0] + cpu[1], peakRssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`http://127.0.0.1:${values.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Serves the store, queries stage 4 twice (cold: the predictive artifact is read; warm: from the cache). */
async function serveAndQuery(): Promise<void> {
  const before = load();
  const server = spawn('/usr/bin/time', ['-v', process.execPath, bin, 'serve', '--port', values.port!, '--no-worker'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => (stderr += d));
  const started = performance.now();
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${values.port}/healthz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
    if (performance.now() - started > 300_000) throw new Error(`serve did not start:\n${stderr}`);
  }
  const closed = new Promise((r) => server.on('close', r));
  const timings: number[] = [];
  let startS = 0;
  let dim = 0;
  try {
    startS = (performance.now() - started) / 1000;
    const data = await graphql('{ models(first: 1) { nodes { layers { nodes { id name dim reducedDim } } } } }');
    const stage4 = data.models.nodes[0].layers.nodes.find((l: { name: string }) => l.name === 'stage4');
    dim = stage4.dim;
    const rng = createRng(99, 0);
    const points = Float32Array.from({ length: pointCount * stage4.dim }, () => Math.max(0, rng.normal()));
    const array = { dtype: 'float32', shape: [pointCount, stage4.dim], data: Buffer.from(points.buffer).toString('base64') };
    const query = 'query($layer: ID!, $points: NumericArrayInput!) { logDensity(layerId: $layer, points: { array: $points }) { labels logDensities { shape } } }';
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      const result = await graphql(query, { layer: stage4.id, points: array });
      timings.push((performance.now() - t0) / 1000);
      if (result.logDensity.logDensities.shape.join('x') !== `${pointCount}x${classes}`) throw new Error(`unexpected shape ${result.logDensity.logDensities.shape}`);
    }
  } finally {
    // /usr/bin/time does not pass signals on: stop the server process itself, which then lets `time` report.
    const child = spawnSync('pgrep', ['-P', String(server.pid)], { encoding: 'utf8' }).stdout.trim();
    process.kill(Number(child || server.pid), 'SIGINT');
    await closed;
  }
  const figures = timeFigures(stderr);
  if (Number.isNaN(figures.peakRssMb)) console.error(stderr.slice(-3000));
  steps.push({ step: 'serve (start until /healthz)', wallS: startS, peakRssMb: NaN, load: before });
  steps.push({ step: `logDensity, stage 4, ${pointCount} raw ${dim}-D points — first (reads the artifact)`, wallS: timings[0], peakRssMb: NaN, load: load() });
  steps.push({ step: 'logDensity, same query again (cached model)', wallS: timings[1], peakRssMb: NaN, load: load() });
  steps.push({ step: 'serve process, whole life', ...figures, load: `${before} → ${load()}` });
}

/** The largest predictive artifact (stage 4's main fit): its size, components, and the size of the same model as JSON v1. */
async function largestPredictive(): Promise<Record<string, number>> {
  const root = join(home, 'artifacts');
  const files = readdirSync(root).flatMap((dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.npz')).map((f) => join(root, dir, f)));
  const path = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const t = performance.now();
  const model = await readPredictiveFile(path);
  const readS = (performance.now() - t) / 1000;
  let jsonBytes = 0;
  for (const piece of predictiveJsonChunks(model)) jsonBytes += Buffer.byteLength(piece);
  const components = model.classes.reduce((s, c) => s + c.components.length, 0);
  return { npzMb: statSync(path).size / 2 ** 20, jsonV1Mb: jsonBytes / 2 ** 20, components, dim: model.dim, readS };
}

function artifactSizes(): Record<string, { files: number; mb: number }> {
  const byExt: Record<string, { files: number; mb: number }> = {};
  const root = join(home, 'artifacts');
  for (const dir of readdirSync(root)) {
    for (const name of readdirSync(join(root, dir))) {
      const ext = name.split('.').slice(1).join('.');
      const entry = (byExt[ext] ??= { files: 0, mb: 0 });
      entry.files++;
      entry.mb += statSync(join(root, dir, name)).size / 2 ** 20;
    }
  }
  return byExt;
}

const t0 = performance.now();
writeLayout();
steps.push({ step: `write the synthetic layout (${classes} classes × ${perClass}, stages ${widths.join('/')})`, wallS: (performance.now() - t0) / 1000, peakRssMb: NaN, load: load() });
timed('classfit import', ['import', layout, '--name', 'paper-synth', '--architecture', 'resnet18', '--dataset', 'synthetic100']);
timed(`classfit analyze (paper defaults${values.analyze ? `, ${values.analyze}` : ''})`, ['analyze', '--model', 'paper-synth', ...values.analyze!.split(' ').filter(Boolean)]);
if (!values['no-serve']) await serveAndQuery();
const report = timed('classfit report', ['report', '--model', 'paper-synth']);
const sizes = artifactSizes();
const predictive: Record<string, number> = values['no-serve'] ? {} : await largestPredictive();
const result = { classes, perClass, widths, steps, artifacts: sizes, largestPredictive: predictive, when: new Date().toISOString() };
writeFileSync(join(out, 'paper-scale.json'), JSON.stringify(result, null, 2));
console.log('| step | wall | CPU (user + sys) | peak RSS | load (1/5/15 min) |\n|---|---|---|---|---|');
for (const s of steps) console.log(`| ${s.step} | ${s.wallS.toFixed(1)} s | ${s.cpuS === undefined ? '–' : `${s.cpuS.toFixed(1)} s`} | ${Number.isNaN(s.peakRssMb) ? '–' : `${s.peakRssMb.toFixed(0)} MB`} | ${s.load} |`);
console.log('\n| artifacts | files | size |\n|---|---|---|');
for (const [ext, s] of Object.entries(sizes)) console.log(`| .${ext} | ${s.files} | ${s.mb.toFixed(1)} MB |`);
console.log(`\n${report}`);
if (!values['no-serve']) console.log(`\nlargest predictive artifact: ${predictive.npzMb.toFixed(1)} MB .npz (${predictive.components} components, d = ${predictive.dim}; ` +
  `read in ${predictive.readS.toFixed(1)} s); the same model as JSON v1: ${predictive.jsonV1Mb.toFixed(1)} MB`);
