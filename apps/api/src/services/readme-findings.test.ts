/**
 * The README's findings block is generated, never hand-edited: it must be exactly what services/findings.ts renders
 * from the committed report of a real demo run (docs/demo-report.json, written with the block by
 * `npm run findings -- --from-store --update` after `npm run demo`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../testing/authors-fixture.ts';
import { findingsIn, renderFindings } from './findings.ts';
import type { ModelReport } from './model-report.ts';

describe('README findings', () => {
  it('are the block rendered from docs/demo-report.json, character for character', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    const reports = JSON.parse(await readFile(join(repoRoot, 'docs', 'demo-report.json'), 'utf8')) as ModelReport[];
    expect(reports.map((r) => r.model.name)).toEqual(['fashion-mnist-resnet18-w8', 'fashion-mnist-resnet10-w8', 'fashion-mnist-plain-w8']);
    expect(reports.every((r) => r.layers.length === 4 && r.layers.every((l) => l.perClass?.length === 10))).toBe(true);
    expect(findingsIn(readme)).toBe(renderFindings(reports));
  });
});
