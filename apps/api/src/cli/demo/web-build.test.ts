import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardBuildKey, ensureDashboardBuild, repoRoot, storedBuildKey, type BuildKeyInputs } from './web-build.ts';

const scratch = mkdtempSync(join(tmpdir(), 'classfit-web-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let count = 0;
/** A small stand-in for apps/web with sources, tests, generated files and build output. */
function fakeWeb(): BuildKeyInputs & { write(path: string, text: string): void } {
  const webDir = join(scratch, `web${count++}`);
  const write = (path: string, text: string) => {
    mkdirSync(join(webDir, path, '..'), { recursive: true });
    writeFileSync(join(webDir, path), text);
  };
  write('package.json', '{"name":"web"}');
  write('next.config.ts', 'export default {};');
  write('app/page.tsx', 'export default function Page() { return null; }');
  write('src/lib/format.ts', 'export const f = 1;');
  const lockfile = join(webDir, '..', `lock${count}.json`);
  writeFileSync(lockfile, '{"lockfileVersion":3}');
  return { webDir, lockfile, env: { NODE_ENV: 'production', CLASSFIT_API_URL: 'http://127.0.0.1:4000/graphql' }, nodeVersion: 'v20.0.0', write };
}

describe('the dashboard build key', () => {
  it('is stable, and changes with every source file, the lockfile, Node.js and the build-time environment', () => {
    const web = fakeWeb();
    const key = dashboardBuildKey(web);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(dashboardBuildKey(web)).toBe(key);

    web.write('src/lib/format.ts', 'export const f = 2;');
    const edited = dashboardBuildKey(web);
    expect(edited).not.toBe(key);
    web.write('src/lib/new.ts', 'export {};');
    const added = dashboardBuildKey(web);
    expect(added).not.toBe(edited);

    writeFileSync(web.lockfile, '{"lockfileVersion":3,"next":"16.5"}');
    const relocked = dashboardBuildKey(web);
    expect(relocked).not.toBe(added);
    expect(dashboardBuildKey({ ...web, nodeVersion: 'v22.0.0' })).not.toBe(relocked);
    expect(dashboardBuildKey({ ...web, env: { ...web.env, NEXT_PUBLIC_TITLE: 'x' } })).not.toBe(relocked);
    // Read at run time, not inlined by the build (which always runs with NODE_ENV=production): no rebuild.
    expect(dashboardBuildKey({ ...web, env: { ...web.env, CLASSFIT_API_URL: 'http://elsewhere/graphql', PATH: '/x', NODE_ENV: 'test' } })).toBe(relocked);
  });

  it('ignores tests, generated files, dependencies and the build output itself', () => {
    const web = fakeWeb();
    const key = dashboardBuildKey(web);
    web.write('src/lib/format.test.ts', 'test');
    web.write('app/page.test.tsx', 'test');
    web.write('vitest.config.ts', 'x');
    web.write('README.md', '# web');
    web.write('next-env.d.ts', '/// <reference types="next" />');
    web.write('node_modules/pkg/index.js', 'x');
    web.write('.next/BUILD_ID', 'abc');
    web.write('.next/server/app.js', 'x');
    web.write('tsconfig.tsbuildinfo', 'x');
    expect(dashboardBuildKey(web)).toBe(key);
    // A file renamed (same bytes, other path) is another source tree.
    web.write('src/lib/other.ts', 'export const f = 1;');
    expect(dashboardBuildKey(web)).not.toBe(key);
  });

  it('reuses a build whose recorded key matches, and rebuilds (saying why) when it does not', async () => {
    const web = fakeWeb();
    expect(storedBuildKey(web.webDir)).toBeUndefined();
    const key = dashboardBuildKey({ ...web, lockfile: join(repoRoot, 'package-lock.json'), env: process.env, nodeVersion: process.version });
    web.write('.next/BUILD_ID', 'abc');
    expect(storedBuildKey(web.webDir)).toBeUndefined(); // a build without a key is not trusted
    web.write('.next/classfit-build.json', JSON.stringify({ key, builtAt: '2026-01-01T00:00:00.000Z' }));
    expect(storedBuildKey(web.webDir)).toEqual({ key, builtAt: '2026-01-01T00:00:00.000Z' });
    const reasons: string[] = [];
    expect(await ensureDashboardBuild({ webDir: web.webDir, onBuild: (r) => reasons.push(r) })).toEqual({ reused: true, builtAt: '2026-01-01T00:00:00.000Z', key });
    expect(reasons).toEqual([]);

    // A changed source: `next build` runs (and, this not being a Next app, fails); the failed build is not recorded.
    web.write('app/page.tsx', 'export default function Page() { return 1; }');
    const failed = await ensureDashboardBuild({ webDir: web.webDir, stdio: 'pipe', onBuild: (r) => reasons.push(r) }).catch((e: unknown) => e as Error);
    expect(reasons).toEqual(['its sources changed since the build of 2026-01-01T00:00:00.000Z']);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(/^next build failed/);
    const changedKey = dashboardBuildKey({ ...web, lockfile: join(repoRoot, 'package-lock.json'), env: process.env, nodeVersion: process.version });
    expect(changedKey).not.toBe(key);
    expect(storedBuildKey(web.webDir)?.key).not.toBe(changedKey);
  }, 120_000);
});
