/**
 * scripts/gpu-check on lavapipe, so that the bundle for bare GPU machines cannot rot: build it, check its
 * size, unpack it outside the checkout and run it at the small size with VK_DRIVER_FILES pointing at
 * Mesa's software driver. Needs lavapipe (.ci/lavapipe.sh): without it this skips, unless
 * CLASSFIT_REQUIRE_WEBGPU=1 (CI), where a missing driver fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/cli.ts';

const ICD_DIR = '/usr/share/vulkan/icd.d';
const lavapipe = existsSync(ICD_DIR) ? readdirSync(ICD_DIR).find((f) => /^lvp_icd.*\.json$/.test(f)) : undefined;
const required = process.env.CLASSFIT_REQUIRE_WEBGPU === '1';

describe.skipIf(!lavapipe && !required)('scripts/gpu-check', () => {
  const out = mkdtempSync(join(tmpdir(), 'gpu-check-test-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds a bundle under 60 MiB that runs on lavapipe from outside the checkout', () => {
    expect(lavapipe, `no lavapipe manifest in ${ICD_DIR} (run .ci/lavapipe.sh)`).toBeDefined();
    const build = spawnSync('npx', ['tsx', 'scripts/gpu-check/build.ts', '--out', out], { cwd: repoRoot, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const tarball = join(out, 'gpu-check.tar.gz');
    expect(statSync(tarball).size).toBeLessThan(60 * 2 ** 20);
    // The runner unpacks into a temporary directory: nothing of the checkout (node_modules) is reachable.
    const env = { ...process.env, VK_DRIVER_FILES: join(ICD_DIR, lavapipe!), PATH: '/usr/bin:/bin:/usr/sbin:/sbin' };
    const run = spawnSync('bash', [join(repoRoot, 'scripts/gpu-check/run.sh'), tarball, '--size', 'small', '--allow-software', '--json'], { cwd: out, encoding: 'utf8', env });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^vulkan driver: VK_DRIVER_FILES=.*lvp_icd/m);
    expect(run.stdout).toMatch(/^adapter: mesa software/m);
    expect(run.stdout).toMatch(/^scoring: webgpu [\d.e]+ · wasm [\d.e]+ points×components\/s/m);
    expect(run.stdout).toMatch(/^gpu-check: all checks passed/m);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(report.adapter).toMatchObject({ vendor: 'mesa', software: true });
    expect(report.checks.map((c: { name: string }) => c.name)).toHaveLength(3);
    for (const check of report.checks) expect(check.error, check.name).toBeLessThanOrEqual(check.limit);
    expect(report.scoring.throughput.webgpu).toBeGreaterThan(0);
    expect(report.scoring.throughput.wasm).toBeGreaterThan(0);
    // Without --allow-software the software adapter is refused (exit 2): a GPU machine whose driver was not found says so.
    const refused = spawnSync('bash', [join(repoRoot, 'scripts/gpu-check/run.sh'), tarball, '--size', 'small'], { cwd: out, encoding: 'utf8', env });
    expect(refused.status).toBe(2);
    expect(refused.stdout).toMatch(/only a software adapter/);
  });
});
