/**
 * The sub-cluster sampler (`classfit fit --sampler subcluster`) against the collapsed sampler on the
 * synthetic 16-D acceptance data (tests/scripts/make_synthetic_classes.py; 3 classes × 600 training and
 * 1000 held-out points, each class a mixture of 4 full-covariance Gaussians). Both samplers target the
 * same posterior, so their predictive densities must agree on held-out data:
 *  - mean own-class held-out log-density within 0.5 nats/point of the collapsed sampler's (issue 9 §2;
 *    the two observed here differ by ~0.05, and the Monte-Carlo spread of either between seeds is ~0.05);
 *  - the same largest-gap groups of the classes' held-out means;
 *  - R-hat across 2 chains reported per class (finite; mixing itself is data, not asserted).
 * Shortened runs (100 sweeps, burn-in 80, thin 4: 5 traces per chain) keep the wall time modest;
 * both samplers get the same budget and seed.
 */
import { largestGapSplit } from '@classfit/core/analysis';
import { readNpyFile } from '@classfit/core/io';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classfit, repoRoot } from './support/cli.ts';

const fixtures = join(repoRoot, 'tests/fixtures/synthetic');
const out = mkdtempSync(join(tmpdir(), 'classfit-subcluster-'));
const RUN = ['--iterations', '100', '--burn-in', '80', '--thin', '4', '--chains', '2', '--seed', '3', '--workers', '2', '--json'];

interface SamplerRun {
  summary: { classes: { label: number; meanClusters: number; rHat: number | null }[]; perSweepMs: number };
  heldOutMean: number;
  classMeans: number[];
}

async function fitAndScore(sampler: 'collapsed' | 'subcluster'): Promise<SamplerRun> {
  const fitPath = join(out, `${sampler}.json`);
  const logpPath = join(out, `${sampler}-logp.npy`);
  const fit = classfit(['fit', '--activations', join(fixtures, 'train_x.npy'), '--labels', join(fixtures, 'train_y.npy'), '--out', fitPath, '--sampler', sampler, ...RUN]);
  expect(fit.status, fit.stderr).toBe(0);
  const score = classfit(['score', '--fit', fitPath, '--points', join(fixtures, 'test_x.npy'), '--out', logpPath]);
  expect(score.status, score.stderr).toBe(0);
  const logp = await readNpyFile(logpPath);
  const labels = (await readNpyFile(join(fixtures, 'test_y.npy'))).data as Int32Array;
  const classes = logp.shape[1];
  const sums = new Array(classes).fill(0);
  const counts = new Array(classes).fill(0);
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const own = (logp.data as Float64Array)[i * classes + labels[i]];
    sums[labels[i]] += own;
    counts[labels[i]]++;
    total += own;
  }
  return { summary: JSON.parse(fit.stdout), heldOutMean: total / labels.length, classMeans: sums.map((s, c) => s / counts[c]) };
}

describe('classfit fit --sampler subcluster on the synthetic acceptance data', () => {
  let collapsed: SamplerRun;
  let subcluster: SamplerRun;

  beforeAll(async () => {
    collapsed = await fitAndScore('collapsed');
    subcluster = await fitAndScore('subcluster');
  });

  it('reaches the collapsed sampler’s held-out log-density (within 0.5 nats/point)', () => {
    const gap = Math.abs(subcluster.heldOutMean - collapsed.heldOutMean);
    expect(gap, `collapsed ${collapsed.heldOutMean}, subcluster ${subcluster.heldOutMean}`).toBeLessThanOrEqual(0.5);
  });

  it('gives the same largest-gap groups of the classes', () => {
    const groups = (r: SamplerRun) => largestGapSplit(r.classMeans);
    expect(groups(subcluster).lowClasses).toEqual(groups(collapsed).lowClasses);
    expect(groups(subcluster).highClasses).toEqual(groups(collapsed).highClasses);
  });

  it('reports cluster counts and an R-hat across chains for every class', () => {
    for (const run of [collapsed, subcluster]) {
      expect(run.summary.classes).toHaveLength(3);
      for (const c of run.summary.classes) {
        expect(c.meanClusters).toBeGreaterThanOrEqual(1);
        expect(Number.isFinite(c.rHat)).toBe(true);
      }
    }
  });

  it('rejects an unknown sampler naming the choices', () => {
    const run = classfit(['fit', '--activations', 'x.npy', '--labels', 'y.npy', '--out', join(out, 'x.json'), '--sampler', 'gibbs']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--sampler.*collapsed.*subcluster/);
  });
});
