/**
 * The Python client (clients/python, `classfit_client`) under Debian's python3 with numpy and torch:
 * its own unittest suites, run here so that `npm test` (and so `.ci/run`) covers them —
 *  - npy streaming writer, wire format, `pip install`, and the PyTorch exporter on real Fashion-MNIST images;
 *  - live: export → import through GraphQL → analyse → read back → compare with `classfit report --format json`,
 *    against a `classfit serve` the Python test starts on a private CLASSFIT_HOME.
 * Outside CI, a machine without python3-numpy/python3-torch skips these with a note; in CI that is a failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/cli.ts';

const python = process.env.CLASSFIT_PYTHON ?? '/usr/bin/python3';
const clientDir = join(repoRoot, 'clients/python');
const probe = spawnSync(python, ['-c', 'import numpy, torch'], { encoding: 'utf8' });
const ready = probe.status === 0;
const inCi = Boolean(process.env.CI);
if (!ready && !inCi) console.warn(`python-client tests skipped: ${python} lacks numpy/torch (apt-get install python3-numpy python3-torch)`);

interface UnittestRun { status: number | null; output: string; ran: number; skipped: number }

function unittest(modules: string[]): Promise<UnittestRun> {
  return new Promise((resolve) => {
    const child = spawn(python, ['-m', 'unittest', '-v', ...modules.map((m) => `tests.${m}`)], {
      cwd: clientDir,
      env: { ...process.env, PYTHONPATH: clientDir, PYTHONDONTWRITEBYTECODE: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => {
      const ran = Number(/Ran (\d+) tests?/.exec(output)?.[1] ?? 0);
      const skipped = Number(/skipped=(\d+)/.exec(output)?.[1] ?? 0);
      resolve({ status, output, ran, skipped });
    });
  });
}

function expectGreen(run: UnittestRun, atLeast: number): void {
  expect(run.status, run.output.slice(-6000)).toBe(0);
  expect(run.output).toMatch(/\nOK/);
  expect(run.skipped, run.output.slice(-3000)).toBe(0);
  expect(run.ran).toBeGreaterThanOrEqual(atLeast);
}

describe.skipIf(!ready && !inCi)('Python client (classfit_client)', () => {
  it('has numpy and torch under Debian python3', () => {
    expect(probe.status, `${python}: ${probe.stderr}`).toBe(0);
  });

  it('npy streaming, wire format, pip install and the PyTorch exporter', async () => {
    expectGreen(await unittest(['test_npy_stream', 'test_wire', 'test_install', 'test_export']), 10);
  }, 600_000);

  it('live: export → import → analyse → read back, agreeing with `classfit report --format json`', async () => {
    expectGreen(await unittest(['test_live']), 6);
  }, 1_200_000);
});
