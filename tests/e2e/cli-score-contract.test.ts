/**
 * `classfit score` against predictive files written by another tool (Python)
 * and scipy's multivariate_t (tests/scripts/make_predictive_files.py):
 * d = 2…64, both trace-averaging modes, far tails, a projection.
 */
import { readNpyFile } from '@classfit/core/io';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classfit, repoRoot } from './support/cli.ts';

const fixtures = join(repoRoot, 'tests/fixtures/predictive');
const cases: string[] = JSON.parse(readFileSync(join(fixtures, 'cases.json'), 'utf8'));
const out = mkdtempSync(join(tmpdir(), 'classfit-score-'));

// The contract is 1e-4 relative error. The exact float64 kernel is far tighter;
// 1e-4 leaves room only for scipy's own rounding in far tails (|log p| ~ 1e3–1e4).
const RELATIVE_TOLERANCE = 1e-4;

describe('classfit score matches scipy multivariate_t mixtures', () => {
  it.each(cases)('%s', async (name) => {
    const target = join(out, `${name}.npy`);
    const run = classfit(['score', '--fit', join(fixtures, `${name}.fit.json`), '--points', join(fixtures, `${name}.points.npy`), '--out', target]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const got = await readNpyFile(target);
    const expected = await readNpyFile(join(fixtures, `${name}.expected.npy`));
    expect(got.dtype).toBe('float64');
    expect(got.shape).toEqual(expected.shape);
    let worst = 0;
    for (let i = 0; i < expected.data.length; i++) {
      const e = Number(expected.data[i]);
      const g = Number(got.data[i]);
      worst = Math.max(worst, Math.abs(g - e) / Math.max(Math.abs(e), 1));
    }
    expect(worst, `worst relative error for ${name}`).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
  });

  it('rejects points of the wrong dimension with a one-line reason and writes nothing', () => {
    const target = join(out, 'wrong-dim.npy');
    const run = classfit(['score', '--fit', join(fixtures, 'd8_density.fit.json'), '--points', join(fixtures, 'd2_density.points.npy'), '--out', target]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^classfit: points: must have 8 columns/);
    expect(() => readFileSync(target)).toThrow();
  });

  it('rejects a missing predictive file naming it', () => {
    const run = classfit(['score', '--fit', join(out, 'missing.json'), '--points', join(fixtures, 'd2_density.points.npy'), '--out', join(out, 'x.npy')]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('missing.json');
  });
});
