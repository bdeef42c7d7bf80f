import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('classfit CLI', () => {
  it('prints help from the repository root through npx', () => {
    const out = execFileSync('npx', ['classfit', '--help'], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/fit/);
    expect(out).toMatch(/score/);
  });
});
