/**
 * Uploads end to end over HTTP: multipart files (busboy) streamed into the artifact store, size limits per file and
 * per upload, announced hashes, bad names, a request cut off mid-way, restarting, who may upload and see what,
 * `importModel(input: { uploadId })` with the path import's validation, and `classfit import --server` from a
 * child process with a progress bar and the dashboard URL.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tableCounts } from '@classfit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyAuthorsFolder } from '../testing/authors-fixture.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { seedAnalysedModels } from '../testing/graphql-seed.ts';
import { createIdentities, type TestIdentity } from '../testing/identities.ts';
import { startApiServer, type ApiServer } from './create-server.ts';

const bin = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../bin/classfit.mjs');
const LIMITS = { maxFileBytes: 2000, maxUploadBytes: 4000 };
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('uploads', () => {
  let api: TestApi;
  let server: ApiServer;
  let base: string;
  let root: string;
  let folder: string;
  let files: Record<string, Buffer>;
  let ids: Record<'viewer' | 'editor' | 'other', TestIdentity>;

  beforeAll(async () => {
    api = await openTestApi(apiTestEngines()[0]);
    await seedAnalysedModels(api.app, 1, { project: 'alpha', prefix: 'a-' });
    ids = await createIdentities(api.app.db, {
      viewer: { login: 'vera', grants: [{ role: 'viewer', project: 'alpha' }] },
      editor: { login: 'ed', grants: [{ role: 'editor', project: 'alpha' }] },
      other: { login: 'olga', grants: [{ role: 'editor', project: 'alpha' }] },
    });
    server = await startApiServer({ app: api.app, port: 0, uploadLimits: LIMITS, logError: (e) => api.logged.push(e) });
    base = server.url.replace(/\/graphql$/, '');
    root = await mkdtemp(join(tmpdir(), 'classfit-upload-test-'));
    folder = await writeTinyAuthorsFolder(root, 'tiny');
    files = Object.fromEntries(await Promise.all(['avg_pooling_0_acts.npy', 'avg_pooling_1_acts.npy', 'labels.npy'].map(async (n) => [n, await readFile(join(folder, n))] as const)));
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
    await rm(root, { recursive: true, force: true });
  });

  /** POSTs a multipart form of `parts` (name → bytes; `sha256:<name>` fields announce hashes). */
  const send = async (path: string, token: string | undefined, parts: [string, Uint8Array | string][]) => {
    const form = new FormData();
    for (const [name, value] of parts) {
      if (typeof value === 'string') form.append(name, value);
      else form.append(name, new Blob([value]), name.split('/').pop());
    }
    const response = await fetch(`${base}${path}`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: (await response.json()) as any };
  };
  const start = async (token: string) => {
    const created = await send('/uploads', token, []);
    expect(created.status).toBe(201);
    return created.body.uploadId as string;
  };
  const importUpload = (uploadId: string, token: string, name: string) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation($input: ImportModelInput!) { importModel(input: $input) { model { name layerCount } warnings userErrors { field message code } } }',
        variables: { input: { uploadId, name, project: 'alpha' } },
      }),
    }).then((r) => r.json() as Promise<any>);
  const stored = async () => (await api.app.artifacts.list()).length;
  const leftovers = async () => (await readdir(api.app.artifacts.root).catch(() => [])).filter((n) => n.includes('.incoming-') || n.endsWith('.tmp'));

  it('receives a folder in one request, content-hashed, and imports it like a folder on disk', async () => {
    const parts = Object.entries(files).flatMap(([name, bytes]): [string, string | Uint8Array][] => [[`sha256:${name}`, sha256(bytes)], [name, bytes]]);
    const created = await send('/uploads', ids.editor.token, parts);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ uploadId: expect.stringMatching(/^upload-\d+$/), imported: false, limits: LIMITS });
    expect(created.body.files).toEqual(Object.entries(files).map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256(bytes) })));
    for (const f of created.body.files) expect(await api.app.artifacts.has(`${f.sha256}.npy`)).toBe(true);
    const manifest = await fetch(`${base}/uploads/${created.body.uploadId}`, { headers: { authorization: `Bearer ${ids.editor.token}` } });
    expect(await manifest.json()).toEqual(created.body);

    const imported = await importUpload(created.body.uploadId, ids.editor.token, 'from-upload');
    expect(imported).toEqual({ data: { importModel: { model: { name: 'from-upload', layerCount: 2 }, warnings: expect.any(Array), userErrors: [] } } });
    expect(JSON.stringify(imported)).not.toMatch(/classfit-upload-|\/tmp\//);
    const again = await importUpload(created.body.uploadId, ids.editor.token, 'twice');
    expect(again.data.importModel.userErrors).toMatchObject([{ code: 'CONFLICT', message: expect.stringMatching(/already imported/) }]);
    expect((await send(`/uploads/${created.body.uploadId}/files`, ids.editor.token, [['labels.npy', files['labels.npy']]])).status).toBe(409);
  });

  it('lets editors upload, keeps each upload its creator’s, and says what is missing', async () => {
    expect((await send('/uploads', undefined, [])).body).toMatchObject({ code: 'UNAUTHENTICATED' });
    const viewer = await send('/uploads', ids.viewer.token, []);
    expect(viewer).toEqual({ status: 403, body: { code: 'FORBIDDEN', error: 'uploading needs the editor role in some project; vera has at most the viewer role' } });
    const uploadId = await start(ids.editor.token);
    const theirs = await fetch(`${base}/uploads/${uploadId}`, { headers: { authorization: `Bearer ${ids.other.token}` } });
    expect(theirs.status).toBe(404);
    expect((await send(`/uploads/${uploadId}/files`, ids.other.token, [['labels.npy', files['labels.npy']]])).status).toBe(404);
    const stolen = await importUpload(uploadId, ids.other.token, 'stolen');
    expect(stolen.data.importModel.userErrors).toMatchObject([{ code: 'NOT_FOUND' }]);
    const empty = await importUpload(uploadId, ids.editor.token, 'empty');
    expect(empty.data.importModel.userErrors).toMatchObject([{ field: ['input', 'uploadId'], message: expect.stringMatching(/has no files yet/) }]);
  });

  it('refuses bad names, a damaged file and files or uploads over their limits with clear errors, storing none of it', async () => {
    const uploadId = await start(ids.editor.token);
    const before = { artifacts: await stored(), counts: await tableCounts(api.app.db) };
    for (const name of ['../evil.npy', '/etc/passwd', 'a/b/c.npy', '.hidden', 'dkls/../../x.json', 'sp ace.npy']) {
      const refused = await send(`/uploads/${uploadId}/files`, ids.editor.token, [[name, files['labels.npy']]]);
      expect(refused.status, name).toBe(400);
      expect(refused.body.error, name).toMatch(/^name: /);
    }
    const damaged = await send(`/uploads/${uploadId}/files`, ids.editor.token, [['sha256:labels.npy', 'a'.repeat(64)], ['labels.npy', files['labels.npy']]]);
    expect(damaged).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', error: expect.stringMatching(/labels\.npy" arrived with SHA-256 [0-9a-f]{64}, not the a{64} announced.*not stored/) } });

    const big = new Uint8Array(LIMITS.maxFileBytes + 1).fill(7);
    const tooBig = await send(`/uploads/${uploadId}/files`, ids.editor.token, [['labels.npy', files['labels.npy']], ['huge.npy', big]]);
    expect(tooBig).toEqual({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', error: `"huge.npy" is over the per-file limit of ${LIMITS.maxFileBytes} bytes; it was not stored` } });
    // The whole request is refused: labels.npy, complete before huge.npy, was not recorded either, and its artifact is gone.
    expect(await stored()).toBe(before.artifacts);
    expect(await tableCounts(api.app.db)).toEqual(before.counts);

    const fill = new Uint8Array(LIMITS.maxFileBytes - 100).fill(1);
    expect((await send(`/uploads/${uploadId}/files`, ids.editor.token, [['a.bin', fill]])).status).toBe(200);
    expect((await send(`/uploads/${uploadId}/files`, ids.editor.token, [['b.bin', fill.map(() => 2)]])).status).toBe(200);
    const over = await send(`/uploads/${uploadId}/files`, ids.editor.token, [['c.bin', fill.map(() => 3)]]);
    expect(over).toEqual({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', error: `the upload is over its limit of ${LIMITS.maxUploadBytes} bytes (at "c.bin"); "c.bin" was not stored` } });
    const manifest = (await (await fetch(`${base}/uploads/${uploadId}`, { headers: { authorization: `Bearer ${ids.editor.token}` } })).json()) as any;
    expect(manifest.files.map((f: any) => f.name)).toEqual(['a.bin', 'b.bin']);
    expect(await stored()).toBe(before.artifacts + 2);
    expect(await leftovers()).toEqual([]);
  });

  it('records nothing of a request cut off mid-way, and takes the file again on restart', async () => {
    const uploadId = await start(ids.editor.token);
    const before = await stored();
    const boundary = 'classfit-test-boundary';
    const bytes = files['avg_pooling_0_acts.npy'];
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="avg_pooling_0_acts.npy"; filename="a.npy"\r\ncontent-type: application/octet-stream\r\n\r\n`;
    await new Promise<void>((done) => {
      const req = request(`${base}/uploads/${uploadId}/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ids.editor.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + bytes.length + 100) },
      });
      req.on('error', () => done());
      req.write(head);
      req.write(bytes.subarray(0, bytes.length >> 1), () => setTimeout(() => (req.destroy(), setTimeout(done, 300)), 100));
    });
    const manifest = async () => ((await (await fetch(`${base}/uploads/${uploadId}`, { headers: { authorization: `Bearer ${ids.editor.token}` } })).json()) as any).files;
    expect(await manifest()).toEqual([]);
    expect(await stored()).toBe(before);
    expect(await leftovers()).toEqual([]);
    // The half-sent file can be imported by no one: the import says what is missing, naming files as uploaded.
    expect((await send(`/uploads/${uploadId}/files`, ids.editor.token, [['avg_pooling_1_acts.npy', files['avg_pooling_1_acts.npy']]])).status).toBe(200);
    const countsBefore = await tableCounts(api.app.db);
    const incomplete = await importUpload(uploadId, ids.editor.token, 'incomplete');
    expect(incomplete.data.importModel.model).toBeNull();
    expect(incomplete.data.importModel.userErrors.map((e: any) => e.message).join('\n')).toMatch(/no labels/);
    expect(JSON.stringify(incomplete)).not.toMatch(/classfit-upload-|\/tmp\//);
    expect(await tableCounts(api.app.db)).toEqual(countsBefore);
    // Restart: send what is missing to the same upload; it imports.
    const rest = await send(`/uploads/${uploadId}/files`, ids.editor.token, [['avg_pooling_0_acts.npy', bytes], ['labels.npy', files['labels.npy']]]);
    expect(rest.body.files.map((f: any) => f.name)).toEqual(['avg_pooling_0_acts.npy', 'avg_pooling_1_acts.npy', 'labels.npy']);
    expect((await importUpload(uploadId, ids.editor.token, 'restarted')).data.importModel.model).toEqual({ name: 'restarted', layerCount: 2 });
  });

  it('classfit import --server uploads a folder from another process with a progress bar, resumes, and prints the dashboard URL', async () => {
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [bin, 'import', ...args], { env: { ...process.env, CLASSFIT_TOKEN: ids.editor.token, CLASSFIT_HOME: root } }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    await writeFile(join(folder, 'notes.md'), 'not part of the layout');
    const done = await run('--server', base, folder, '--name', 'via-cli', '--project', 'alpha', '--architecture', 'resnet34', '--dashboard', 'http://dash.example:3000');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toMatch(/upload upload-\d+: 4 of 4 files to send/);
    expect(done.stderr).toMatch(/uploading done in [\d.]+s · 4 files/);
    const model = await api.execute('{ models(filter: { name: { eq: "via-cli" } }) { nodes { id architecture { name } layerCount } } }');
    const id = model.data!.models.nodes[0].id as string;
    expect(model.data!.models.nodes[0]).toMatchObject({ architecture: { name: 'resnet34' }, layerCount: 2 });
    expect(done.stdout).toBe(`imported model "via-cli": http://dash.example:3000/models/${encodeURIComponent(id)}\n`);

    // Resume: an upload that already holds two files gets only the other two.
    const partial = await start(ids.editor.token);
    await send(`/uploads/${partial}/files`, ids.editor.token, [['labels.npy', files['labels.npy']], ['notes.md', new TextEncoder().encode('not part of the layout')]]);
    const resumed = await run('--server', `${base}/graphql`, folder, '--name', 'resumed', '--project', 'alpha', '--upload', partial);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`upload ${partial}: 2 of 4 files to send \\(\\d+ bytes\\); 2 already there`));
    expect(resumed.stdout).toMatch(/^imported model "resumed": http:\/\/127\.0\.0\.1:3000\/models\//);
    const json = await run('--server', base, folder, '--name', 'via-cli-json', '--project', 'alpha', '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ model: { name: 'via-cli-json' }, uploadId: expect.stringMatching(/^upload-\d+$/), url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3000\/models\//) });

    const refused = await run('--server', base, folder, '--name', 'no-token', '--token', 'cft_bad');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/starting the upload: the bearer token is not a classfit API token/);
  }, 60_000);
});
