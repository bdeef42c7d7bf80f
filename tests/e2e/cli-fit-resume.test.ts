/**
 * `classfit fit --checkpoint`: a fit interrupted with Ctrl-C (SIGINT) leaves a
 * checkpoint, and the same command continues from it to the SAME predictive
 * file as an uninterrupted run with that seed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classfit, repoRoot } from './support/cli.ts';

const fixtures = join(repoRoot, 'tests/fixtures/synthetic');
const out = mkdtempSync(join(tmpdir(), 'classfit-resume-'));
const bin = fileURLToPath(new URL('../../apps/api/bin/classfit.mjs', import.meta.url));
const common = ['--activations', join(fixtures, 'train_x.npy'), '--labels', join(fixtures, 'train_y.npy'), '--iterations', '120', '--burn-in', '80', '--thin', '4', '--seed', '11'];

describe('classfit fit --checkpoint', () => {
  it('resumes after SIGINT to the same result as an uninterrupted fit', async () => {
    const reference = join(out, 'reference.json');
    expect(classfit(['fit', ...common, '--out', reference]).status).toBe(0);

    const resumed = join(out, 'resumed.json');
    const checkpoint = join(out, 'fit.checkpoint.json');
    const child = spawn(process.execPath, [bin, 'fit', ...common, '--out', resumed, '--checkpoint', checkpoint], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt as soon as the first periodic checkpoint (sweep 25) exists.
    const deadline = Date.now() + 60_000;
    while (!existsSync(checkpoint) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(checkpoint)).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/checkpoint saved/);
    expect(existsSync(resumed)).toBe(false);

    const again = classfit(['fit', ...common, '--out', resumed, '--checkpoint', checkpoint]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/resumed from sweep \d+/);
    expect(existsSync(checkpoint)).toBe(false);
    expect(readFileSync(resumed, 'utf8')).toBe(readFileSync(reference, 'utf8'));
  });
});
