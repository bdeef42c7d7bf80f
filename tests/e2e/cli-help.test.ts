import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/cli.ts';

describe('classfit CLI', () => {
  it('prints help from the repository root through npx', () => {
    const out = execFileSync('npx', ['classfit', '--help'], { cwd: repoRoot, encoding: 'utf8' });
    expect(out).toMatch(/^\s+fit\s/m);
    expect(out).toMatch(/^\s+score\s/m);
  });
});
