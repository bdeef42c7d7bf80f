/**
 * `importModel(input: { path })` confined to CLASSFIT_IMPORT_ROOTS, through GraphQL as an admin of every project:
 * `../`, absolute paths outside the roots, a folder link out of a root, a file link out of it, a FIFO, relative
 * paths, and no roots at all are refused with clear errors that echo neither outside paths nor file contents, and
 * nothing is stored; folders inside a root (links inside it included) import.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableCounts } from '@classfit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyAuthorsFolder } from '../../testing/authors-fixture.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../../testing/graphql-harness.ts';
import { createIdentities, type TestIdentity } from '../../testing/identities.ts';

const IMPORT = 'mutation($input: ImportModelInput!) { importModel(input: $input) { model { name layerCount } userErrors { field message code } } }';

describe('server-side import paths', () => {
  let api: TestApi;
  let unconfined: TestApi;
  let base: string;
  let root: string;
  let outside: string;
  let admin: TestIdentity;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'classfit-roots-'));
    root = join(base, 'root');
    outside = join(base, 'secret-outside');
    await mkdir(root);
    await writeTinyAuthorsFolder(outside, 'layout');
    await writeFile(join(outside, 'secret.txt'), 'TOP-SECRET-CONTENT');
    api = await openTestApi(apiTestEngines()[0], { importRoots: [root] });
    ({ admin } = await createIdentities(api.app.db, { admin: { login: 'root', grants: [{ role: 'admin' }] } }));
    unconfined = await openTestApi(apiTestEngines()[0], { importRoots: [] });
  });
  afterAll(async () => {
    await api?.close();
    await unconfined?.close();
    await rm(base, { recursive: true, force: true });
  });

  /** Imports `path` as the admin; expects it refused with `pattern`, nothing stored and nothing outside echoed. */
  const refused = async (path: string, pattern: RegExp, on: TestApi = api) => {
    const caller = on === api ? admin.caller : (await createIdentities(on.app.db, { a: { login: `a${Date.now() % 100000}`, grants: [{ role: 'admin' }] } })).a.caller;
    const before = { counts: await tableCounts(on.app.db), artifacts: (await on.app.artifacts.list()).length };
    const result = await on.execute(IMPORT, { input: { path, name: `try-${Math.random().toString(36).slice(2, 8)}` } }, caller);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const { model, userErrors } = result.data!.importModel;
    expect(model).toBeNull();
    expect(userErrors.map((e: any) => `${e.field?.join('.')}: ${e.message}`).join('\n')).toMatch(pattern);
    const text = JSON.stringify(userErrors);
    expect(text).not.toContain(outside);
    expect(text).not.toContain('secret-outside');
    expect(text).not.toContain('TOP-SECRET');
    expect(text).not.toMatch(/classfit-path-import-/);
    expect(await tableCounts(on.app.db)).toEqual(before.counts);
    expect((await on.app.artifacts.list()).length).toBe(before.artifacts);
    return userErrors as { field: string[]; message: string; code: string }[];
  };

  it('refuses ../, absolute paths outside the roots and relative paths, without touching them', async () => {
    await refused(join(root, '..', 'secret-outside', 'layout'), /^input\.path: is outside the import roots \(1 configured\)/);
    await refused(`${root}/../secret-outside/layout`, /is outside the import roots/);
    await refused('/etc', /is outside the import roots/);
    await refused('secret-outside/layout', /must be an absolute path on the server/);
    await refused(join(root, 'nope'), /no such folder inside the import roots/);
  });

  it('refuses a folder link and a file link out of the root, saying so but not where they point', async () => {
    await symlink(join(outside, 'layout'), join(root, 'linked-folder'));
    await refused(join(root, 'linked-folder'), /leads out of the import roots through a symbolic link/);

    const layout = await writeTinyAuthorsFolder(root, 'leaky');
    await rm(join(layout, 'labels.npy'));
    await symlink(join(outside, 'layout', 'labels.npy'), join(layout, 'labels.npy'));
    await symlink(join(outside, 'secret.txt'), join(layout, 'class_names.txt'));
    const errors = await refused(layout, /leaky\/labels\.npy: is a symbolic link out of the import root/);
    expect(errors.map((e) => e.field.join('.'))).toEqual(['input.leaky/class_names.txt', 'input.leaky/labels.npy']);
  });

  it('refuses a FIFO (without blocking on it) and lists every problem at once', async () => {
    const layout = await writeTinyAuthorsFolder(root, 'fifo');
    await rm(join(layout, 'labels.npy'));
    execFileSync('mkfifo', [join(layout, 'labels.npy')]);
    execFileSync('mkfifo', [join(layout, 'images.npy')]);
    const errors = await refused(layout, /fifo\/labels\.npy: is a FIFO; only regular files are read/);
    expect(errors).toHaveLength(2);
  });

  it('does not echo file contents in its messages', async () => {
    const layout = await writeTinyAuthorsFolder(root, 'bad-json');
    await writeFile(join(layout, 'class_names.json'), '{"TOP-SECRET-CONTENT": oops}');
    const errors = await refused(layout, /bad-json\/class_names\.json: invalid JSON \(Unexpected character\)/);
    expect(errors[0].field).toEqual(['input', ...join(layout, 'class_names.json').split('.')]);
  });

  it('imports a folder inside a root, links inside the root included', async () => {
    const layout = await writeTinyAuthorsFolder(root, 'good');
    const shared = await writeTinyAuthorsFolder(root, 'shared');
    await rm(join(layout, 'labels.npy'));
    await symlink(join(shared, 'labels.npy'), join(layout, 'labels.npy'));
    await symlink(layout, join(root, 'alias'));
    const result = await api.execute(IMPORT, { input: { path: join(root, 'alias'), name: 'inside-root' } }, admin.caller);
    expect(result.data!.importModel).toEqual({ model: { name: 'inside-root', layerCount: 2 }, userErrors: [] });
  });

  it('refuses every server path when no roots are configured, pointing to uploads', async () => {
    const layout = await writeTinyAuthorsFolder(root, 'anywhere');
    await refused(layout, /server paths are disabled on this server \(CLASSFIT_IMPORT_ROOTS is not set\); upload the folder instead/, unconfined);
  });
});
