/**
 * Engine acceptance on synthetic data (tests/scripts/make_synthetic_classes.py):
 * 3 classes, each a mixture of 4 full-covariance Gaussians in 16-D, 600
 * training points per class, 1000 held-out points per class.
 *  - held-out mean log-density within 1.5 nats/point of the generating density;
 *  - generative classification at least as accurate as sklearn's
 *    BayesianGaussianMixture (Dirichlet process, full covariance).
 * Paper-parity defaults throughout (400 sweeps, burn-in 320, thin 4).
 */
import { readNpyFile, writeNpyFile } from '@classfit/core/io';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classfit, repoRoot } from './support/cli.ts';

const fixtures = join(repoRoot, 'tests/fixtures/synthetic');
const summary = JSON.parse(readFileSync(join(fixtures, 'summary.json'), 'utf8'));
const out = mkdtempSync(join(tmpdir(), 'classfit-fit-'));
const fitPath = join(out, 'fit.json');
const logpPath = join(out, 'logp.npy');

describe('classfit fit on synthetic mixtures', () => {
  let ownLogDensity: Float64Array;
  let accuracy: number;

  beforeAll(async () => {
    const fit = classfit(['fit', '--activations', join(fixtures, 'train_x.npy'), '--labels', join(fixtures, 'train_y.npy'), '--out', fitPath, '--seed', '3']);
    expect(fit.stderr).toMatch(/fit done/);
    expect(fit.status).toBe(0);
    const score = classfit(['score', '--fit', fitPath, '--points', join(fixtures, 'test_x.npy'), '--out', logpPath]);
    expect(score.status).toBe(0);
    const logp = await readNpyFile(logpPath);
    const labels = (await readNpyFile(join(fixtures, 'test_y.npy'))).data as Int32Array;
    const classes = logp.shape[1];
    ownLogDensity = new Float64Array(labels.length);
    let correct = 0;
    for (let i = 0; i < labels.length; i++) {
      const row = (logp.data as Float64Array).subarray(i * classes, (i + 1) * classes);
      ownLogDensity[i] = row[labels[i]];
      if (row.indexOf(Math.max(...row)) === labels[i]) correct++;
    }
    accuracy = correct / labels.length;
  });

  it('writes the predictive file contract', () => {
    const doc = JSON.parse(readFileSync(fitPath, 'utf8'));
    expect(doc.format).toBe('classfit.predictive/v1');
    expect(doc.dim).toBe(16);
    expect(doc.traceAveraging).toBe('log');
    expect(doc.classes.map((c: { label: number }) => c.label)).toEqual([0, 1, 2]);
    for (const cls of doc.classes) {
      const total = cls.components.reduce((s: number, c: { weight: number }) => s + c.weight, 0);
      expect(total).toBeCloseTo(1, 9);
      expect(new Set(cls.components.map((c: { trace: number }) => c.trace)).size).toBe(20);
    }
  });

  it('held-out log-density is within 1.5 nats/point of the generating density', () => {
    const mean = ownLogDensity.reduce((a, b) => a + b, 0) / ownLogDensity.length;
    const gap = summary.trueMeanHeldOutLogDensity - mean;
    // One-sided: the fit cannot beat the truth on average by more than noise (s.e. ≈ 0.05 nats).
    expect(gap, `true ${summary.trueMeanHeldOutLogDensity}, fitted ${mean}`).toBeLessThanOrEqual(1.5);
    expect(gap).toBeGreaterThan(-0.2);
  });

  it('classifies at least as accurately as sklearn BayesianGaussianMixture', () => {
    expect(accuracy, `classfit ${accuracy} vs sklearn ${summary.sklearnBgmAccuracy}`).toBeGreaterThanOrEqual(summary.sklearnBgmAccuracy);
    expect(accuracy).toBeLessThanOrEqual(summary.bayesOptimalAccuracy + 0.01);
  });

  it('rejects NaN activations naming the row, and writes no file', async () => {
    const x = await readNpyFile(join(fixtures, 'train_x.npy'));
    const data = Float64Array.from(x.data as Float64Array);
    data[17 * 16 + 3] = Number.NaN;
    const bad = join(out, 'nan.npy');
    await writeNpyFile(bad, { dtype: 'float64', shape: x.shape, data });
    const target = join(out, 'nan-fit.json');
    const run = classfit(['fit', '--activations', bad, '--labels', join(fixtures, 'train_y.npy'), '--out', target, '--iterations', '5']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/activations: .*row 17 col 3 is NaN/);
    expect(existsSync(target)).toBe(false);
  });

  it('rejects labels of the wrong length', () => {
    const run = classfit(['fit', '--activations', join(fixtures, 'train_x.npy'), '--labels', join(fixtures, 'test_y.npy'), '--out', join(out, 'x.json')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/labels: must be \[1800\]/);
  });

  it('rejects an unknown flag', () => {
    const run = classfit(['fit', '--activationz', 'x.npy']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/activationz/);
  });
});
