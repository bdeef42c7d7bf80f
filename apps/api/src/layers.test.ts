/**
 * Every import in apps/api/src points down the layers below (DESIGN.md §2): a command may use anything, a service
 * knows nothing of GraphQL, jobs or HTTP. Read from the source text of every production file, so a new back-edge
 * fails here naming the file and the import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Top first; a file belongs to the first layer whose prefix its path (relative to src/) starts with. */
const LAYERS: readonly (readonly string[])[] = [
  ['cli/main.ts', 'cli/commands/'],
  ['cli/demo/'],
  ['cli/'],
  ['server/'],
  ['graphql/'],
  ['jobs/'],
  ['services/views/'],
  ['services/'],
  ['context/'],
  ['env.ts'],
];

function layerOf(path: string): number {
  const index = LAYERS.findIndex((prefixes) => prefixes.some((p) => path === p || (p.endsWith('/') && path.startsWith(p))));
  if (index < 0) throw new Error(`${path} is in no layer; add its folder to LAYERS`);
  return index;
}

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : productionFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Relative imports (static, dynamic and re-exports) of one file, as paths relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((s) => relative(SRC, resolve(dirname(file), s)));
}

describe('apps/api layering', () => {
  const files = productionFiles(SRC).map((file) => ({ path: relative(SRC, file), imports: importsOf(file) }));

  it('reads a plausible number of files and imports', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((f) => f.imports).length).toBeGreaterThan(300);
  });

  it('has no import that points up a layer', () => {
    const backEdges = files.flatMap(({ path, imports }) =>
      imports.filter((target) => layerOf(target) < layerOf(path)).map((target) => `${path} → ${target}`),
    );
    expect(backEdges).toEqual([]);
  });

  it('keeps the read side and the demo where DESIGN.md puts them', () => {
    const edges = files.flatMap(({ path, imports }) => imports.map((target) => ({ path, target })));
    // Export routes read through services/views, never through GraphQL's modules.
    expect(edges.filter((e) => e.path.startsWith('server/export/') && e.target.startsWith('graphql/'))).toEqual([]);
    // The demo is a CLI program over the services and the job runner.
    expect(files.filter((f) => f.path.startsWith('services/demo/'))).toEqual([]);
    expect(edges.some((e) => e.path.startsWith('cli/demo/') && e.target.startsWith('jobs/'))).toBe(true);
  });
});
