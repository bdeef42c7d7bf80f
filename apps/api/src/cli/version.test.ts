import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/classfit.mjs', import.meta.url));
const run = (...args: string[]) => promisify(execFile)(process.execPath, [bin, ...args]);

describe('classfit --version', () => {
  it("prints the version of the package that ships the binary, as text and as JSON", async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect((await run('--version')).stdout).toBe(`classfit ${version}\n`);
    expect(JSON.parse((await run('--version', '--json')).stdout)).toEqual({ name: 'classfit', version, node: process.versions.node });
    expect((await run('--help')).stdout).toMatch(/classfit --version/);
  });
});
