/**
 * The npy files PyTorch/NumPy users write — Fortran order (`np.save(f, feats.T)`), float16 (`tensor.half()`),
 * big-endian — go through `classfit import`, `classfit fit` and `classfit score` exactly like the C-order
 * little-endian float32 file with the same values (tests/scripts/make_npy_layouts.py writes all four).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classfit, repoRoot } from './support/cli.ts';

const fixtures = join(repoRoot, 'tests/fixtures/npy-layouts');
const converted = { fortran: 'Fortran order → C order', float16: 'float16 → float32', 'big-endian': 'big-endian → little-endian' } as const;
const variants = ['native', ...Object.keys(converted)] as (keyof typeof converted | 'native')[];

/** Every file under `dir`, relative paths, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('classfit on Fortran-order, float16 and big-endian npy files', () => {
  let home: string;
  let out: string;
  const env = () => ({ CLASSFIT_HOME: home, DATABASE_URL: '', CLASSFIT_BACKEND: 'cpu' });

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'classfit-npy-home-'));
    out = await mkdtemp(join(tmpdir(), 'classfit-npy-out-'));
  });
  afterAll(async () => Promise.all([home, out].map((d) => rm(d, { recursive: true, force: true }))));

  it('import stores the same C-order little-endian activations for every variant and says what it converted', () => {
    for (const variant of variants) {
      const run = classfit(['import', join(fixtures, variant), '--name', `m-${variant}`, '--dataset', 'synthetic'], env());
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain(`imported model "m-${variant}"`);
      expect(run.stdout).toContain('60 examples, 3 classes, layers stage1 (4-d), stage2 (6-d)');
      const notes = run.stderr.split('\n').filter((l) => l.startsWith('warning:') && l.includes('conversion'));
      if (variant === 'native') expect(notes).toEqual([]);
      else {
        expect(notes.length, run.stderr).toBe(2); // one per activation file
        for (const note of notes) expect(note).toContain(converted[variant]);
      }
    }
    // Content-addressed store: four imports of the same numbers leave exactly one file per layer.
    const artifacts = filesUnder(join(home, 'artifacts')).filter((f) => f.endsWith('.npy'));
    expect(artifacts.length, artifacts.join(', ')).toBe(2);
    const native = new Uint8Array(readFileSync(join(fixtures, 'native/avg_pooling_1_acts.npy')));
    const stored = artifacts.map((f) => new Uint8Array(readFileSync(join(home, 'artifacts', f))));
    expect(stored.some((bytes) => Buffer.compare(bytes, native) === 0)).toBe(true);
  });

  it('fit and score give byte-identical results for every variant', () => {
    const results = variants.map((variant) => {
      const folder = join(fixtures, variant);
      const fit = join(out, `${variant}.fit.json`);
      const logp = join(out, `${variant}.logp.npy`);
      const fitted = classfit(['fit', '--activations', join(folder, 'avg_pooling_1_acts.npy'), '--labels', join(folder, 'labels.npy'),
        '--out', fit, '--iterations', '12', '--burn-in', '6', '--thin', '2', '--seed', '5', '--workers', '1'], env());
      expect(fitted.status, fitted.stderr).toBe(0);
      // Score every variant's points under the native fit, so the comparison is about reading the points.
      const scored = classfit(['score', '--fit', join(out, 'native.fit.json'), '--points', join(folder, 'points.npy'), '--out', logp], env());
      expect(scored.status, scored.stderr).toBe(0);
      return { fit: readFileSync(fit, 'utf8'), logp: readFileSync(logp) };
    });
    const [native, ...others] = results;
    expect(native.logp.length).toBeGreaterThan(15 * 3 * 8);
    others.forEach((r, i) => {
      expect(r.fit === native.fit, `${variants[i + 1]}: fit.json differs from native`).toBe(true);
      expect(Buffer.compare(r.logp, native.logp), `${variants[i + 1]}: logp.npy differs from native`).toBe(0);
    });
  });
});
