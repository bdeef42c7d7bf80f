/**
 * Points' space is stated, never guessed (issue 10 §1), end to end through the CLI and the GraphQL API, on the
 * synthetic 16-D acceptance data (tests/scripts/make_synthetic_classes.py).
 *
 * A reduction that keeps every dimension (k = D) only rotates the data, so raw and reduced points have the same
 * width. Before the fix such raw points were scored unprojected under a model fitted in the rotated space
 * (held-out accuracy 0.31 instead of 0.88). Checked here:
 *  - `classfit score` on raw points of a k = D fit ≈ the unreduced fit (within 0.5 nats/point, held-out);
 *  - raw points ≡ the same points projected by hand and passed with `--space reduced`, exactly (k = D and k < D);
 *  - rotating the raw activations by an orthogonal Q changes nothing: the SVD absorbs Q (its basis becomes V Qᵀ,
 *    up to the signs of its vectors) and the sampler is invariant to per-coordinate sign flips for a fixed random
 *    stream (METHOD.md K.1.10), so a fit of QX scored on Q x equals the fit of X scored on x — via the CLI and via
 *    GraphQL `logDensity` (default `space: RAW`).
 */
import { readNpyFile, writeNpyFile } from '@classfit/core/io';
import { createRng } from '@classfit/core/rng';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classfit, repoRoot } from './support/cli.ts';

const D = 16;
const fixtures = join(repoRoot, 'tests/fixtures/synthetic');
const out = mkdtempSync(join(tmpdir(), 'classfit-space-'));
const path = (name: string) => join(out, name);

/** A seeded random orthogonal [d, d] matrix (Gram–Schmidt on Gaussian columns), row-major. */
function randomRotation(d: number, seed: number): Float64Array {
  const rng = createRng(seed, 0);
  const q = Float64Array.from({ length: d * d }, () => rng.normal());
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += q[i * d + j] * q[i * d + k];
      for (let i = 0; i < d; i++) q[i * d + j] -= dot * q[i * d + k];
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += q[i * d + j] ** 2;
    for (let i = 0; i < d; i++) q[i * d + j] /= Math.sqrt(norm);
  }
  return q;
}

/** Rows x → M x for M [k, d] row-major, in the loop order core's projection uses (so results are bit-identical). */
function mapRows(m: ArrayLike<number>, k: number, d: number, x: ArrayLike<number>, n: number): Float64Array {
  const y = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let c = 0; c < d; c++) sum += m[j * d + c] * x[i * d + c];
      y[i * k + j] = sum;
    }
  }
  return y;
}

async function readF64(file: string): Promise<{ data: Float64Array; shape: number[] }> {
  const array = await readNpyFile(file);
  return { data: Float64Array.from(array.data as Float64Array), shape: array.shape };
}

function fit(activations: string, target: string, extra: string[] = []): void {
  const run = classfit(['fit', '--activations', activations, '--labels', join(fixtures, 'train_y.npy'), '--out', target, '--seed', '3', ...extra]);
  expect(run.status, run.stderr).toBe(0);
}

async function score(fitFile: string, points: string, target: string, extra: string[] = []): Promise<Float64Array> {
  const run = classfit(['score', '--fit', fitFile, '--points', points, '--out', target, ...extra]);
  expect(run.status, run.stderr).toBe(0);
  return (await readF64(target)).data;
}

/** Mean own-class log-density and accuracy of [n, C] scores against labels. */
function heldOut(logp: Float64Array, labels: Int32Array): { meanOwn: number; accuracy: number } {
  const classes = logp.length / labels.length;
  let sum = 0;
  let correct = 0;
  labels.forEach((label, i) => {
    const row = logp.subarray(i * classes, (i + 1) * classes);
    sum += row[label];
    if (row.indexOf(Math.max(...row)) === label) correct++;
  });
  return { meanOwn: sum / labels.length, accuracy: correct / labels.length };
}

const maxAbsDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

let testLabels: Int32Array;
let testX: Float64Array;
let q: Float64Array;

beforeAll(async () => {
  testLabels = Int32Array.from((await readNpyFile(join(fixtures, 'test_y.npy'))).data as Int32Array);
  testX = (await readF64(join(fixtures, 'test_x.npy'))).data;
  const train = await readF64(join(fixtures, 'train_x.npy'));
  q = randomRotation(D, 41);
  await writeNpyFile(path('train_rot.npy'), { dtype: 'float64', shape: train.shape, data: mapRows(q, D, D, train.data, train.shape[0]) });
  await writeNpyFile(path('test_rot.npy'), { dtype: 'float64', shape: [testLabels.length, D], data: mapRows(q, D, D, testX, testLabels.length) });
  fit(join(fixtures, 'train_x.npy'), path('plain.json'));
  fit(join(fixtures, 'train_x.npy'), path('k16.json'), ['--reduce', '16']);
  fit(path('train_rot.npy'), path('k16_rot.json'), ['--reduce', '16']);
  fit(join(fixtures, 'train_x.npy'), path('k8.json'), ['--reduce', '8', '--iterations', '40']);
});

describe('classfit score: the space of the points', () => {
  it('scores raw points of a k = D fit like the unreduced fit (held-out, within 0.5 nats/point)', async () => {
    const plain = heldOut(await score(path('plain.json'), join(fixtures, 'test_x.npy'), path('plain.npy')), testLabels);
    const k16 = heldOut(await score(path('k16.json'), join(fixtures, 'test_x.npy'), path('k16.npy')), testLabels);
    // Two fits of the same data in rotated coordinates differ only by sampler noise and the diagonal prior's
    // orientation (METHOD.md K.1.10): measured 0.03 nats/point and 0.004 accuracy apart here.
    expect(Math.abs(k16.meanOwn - plain.meanOwn), `k = D ${k16.meanOwn} vs unreduced ${plain.meanOwn}`).toBeLessThan(0.5);
    expect(Math.abs(k16.accuracy - plain.accuracy)).toBeLessThan(0.03);
    // Scoring the raw points as if already reduced is the old, silent bug: it must be visibly different.
    const misread = heldOut(await score(path('k16.json'), join(fixtures, 'test_x.npy'), path('k16-misread.npy'), ['--space', 'reduced']), testLabels);
    expect(misread.accuracy).toBeLessThan(k16.accuracy - 0.2);
  });

  it.each([
    ['k = D', 'k16.json', 16],
    ['k < D', 'k8.json', 8],
  ])('raw points equal the same points projected by hand with --space reduced (%s)', async (_case, file, k) => {
    const doc = JSON.parse(readFileSync(path(file), 'utf8')) as { projection: { components: number[][] } };
    expect(doc.projection.components).toHaveLength(k);
    const projected = mapRows(Float64Array.from(doc.projection.components.flat()), k, D, testX, testLabels.length);
    await writeNpyFile(path(`z${k}.npy`), { dtype: 'float64', shape: [testLabels.length, k], data: projected });
    const raw = await score(path(file), join(fixtures, 'test_x.npy'), path(`raw${k}.npy`));
    const reduced = await score(path(file), path(`z${k}.npy`), path(`reduced${k}.npy`), ['--space', 'reduced']);
    expect(maxAbsDiff(raw, reduced)).toBe(0);
  });

  it('is invariant to rotating the raw activations (fit of QX scored on Qx)', async () => {
    const base = await score(path('k16.json'), join(fixtures, 'test_x.npy'), path('k16-again.npy'));
    const rotated = await score(path('k16_rot.json'), path('test_rot.npy'), path('k16-rot.npy'));
    // Same random stream, same partitions: only float rounding of the two SVDs differs (log-densities ~ −20).
    expect(maxAbsDiff(base, rotated)).toBeLessThan(1e-6);
  });

  it('rejects a width that does not match the stated space, naming the space', () => {
    const wrong = classfit(['score', '--fit', path('k8.json'), '--points', join(fixtures, 'test_x.npy'), '--out', path('x.npy'), '--space', 'reduced']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/must have 8 columns in the reduced space \(8 dimensions\).*; got 16/);
    const unknown = classfit(['score', '--fit', path('k8.json'), '--points', join(fixtures, 'test_x.npy'), '--out', path('x.npy'), '--space', 'projected']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--space must be one of raw, reduced/);
  });
});

describe('GraphQL logDensity: the space of the points', () => {
  const home = mkdtempSync(join(tmpdir(), 'classfit-space-home-'));
  const env = { CLASSFIT_HOME: home };
  let server: ChildProcess;
  let url: string;

  async function query(text: string, variables: Record<string, unknown>) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text, variables }) });
    return (await response.json()) as { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  }

  beforeAll(async () => {
    for (const [name, file] of [['plain-16d', join(fixtures, 'train_x.npy')], ['rotated-16d', path('train_rot.npy')]]) {
      const imported = classfit(['import', '--layer', `late=${file}`, '--labels', join(fixtures, 'train_y.npy'), '--name', name, '--dataset', 'synthetic'], env);
      expect(imported.status, imported.stderr).toBe(0);
      const analysed = classfit(['analyze', '--model', name, '--reduce', '16', '--iterations', '60', '--seed', '5', '--no-kl', '--no-genclass'], env);
      expect(analysed.status, analysed.stderr).toBe(0);
    }
    server = spawn(process.execPath, [join(repoRoot, 'apps/api/bin/classfit.mjs'), 'serve', '--port', '0', '--no-worker'], { cwd: repoRoot, env: { ...process.env, ...env } });
    url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /(http:\/\/[^\s]+\/graphql)/.exec(seen);
        if (match) resolve(match[1]);
      });
      server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${seen}`)));
    });
  }, 300_000);
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  const LAYER = `query($name: String!) { models(first: 5, filter: { name: { eq: $name } }) { nodes { layers { nodes { id dim reducedDim } } } } }`;
  const LOG_DENSITY = `query($layer: ID!, $points: PointsInput!, $space: PointSpace) {
    logDensity(layerId: $layer, points: $points, space: $space) { space rows } }`;

  async function layerOf(name: string): Promise<{ id: string; dim: number; reducedDim: number }> {
    const result = await query(LAYER, { name });
    expect(result.errors).toBeUndefined();
    return result.data!.models.nodes[0].layers.nodes[0];
  }

  it('reads raw points by default, agrees across a rotation of the activations, and rejects a wrong width', async () => {
    const plain = await layerOf('plain-16d');
    const rotated = await layerOf('rotated-16d');
    expect(plain).toMatchObject({ dim: 16, reducedDim: 16 });
    const count = 20;
    const rows = Array.from({ length: count }, (_, i) => Array.from(testX.subarray(i * D, (i + 1) * D)));
    const rotatedRows = rows.map((x) => Array.from(mapRows(q, D, D, x, 1)));
    const a = await query(LOG_DENSITY, { layer: plain.id, points: { rows } });
    const b = await query(LOG_DENSITY, { layer: rotated.id, points: { rows: rotatedRows } });
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data!.logDensity.space).toBe('RAW');
    // float32 on the wire and in the default (tensor) scorer: agree to ~1e-4 of values near −20.
    const flatA = (a.data!.logDensity.rows as number[][]).flat();
    (b.data!.logDensity.rows as number[][]).flat().forEach((v, i) => expect(v).toBeCloseTo(flatA[i], 2));
    // The same points declared REDUCED are read unprojected: a different (wrong for these points) answer.
    const misread = await query(LOG_DENSITY, { layer: plain.id, points: { rows }, space: 'REDUCED' });
    expect(misread.data!.logDensity.space).toBe('REDUCED');
    const diff = (misread.data!.logDensity.rows as number[][]).flat().reduce((m, v, i) => Math.max(m, Math.abs(v - flatA[i])), 0);
    expect(diff).toBeGreaterThan(1);
    const narrow = await query(LOG_DENSITY, { layer: plain.id, points: { rows: rows.map((r) => r.slice(0, 8)) } });
    expect(narrow.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'points' });
    expect(narrow.errors?.[0].message).toMatch(/raw space .* must have 16 columns, got 8/);
  });
});
