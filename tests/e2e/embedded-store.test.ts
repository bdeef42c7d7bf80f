/**
 * The README workflow on the embedded store, as a user runs it: `classfit serve` holds the PGlite database while
 * `classfit import`, `analyze` and `report` run beside it (they go through the server's socket), concurrently
 * and in a loop; afterwards the database is intact (amcheck on every index) and consistent (every run complete,
 * the report through the server equals the report read directly). An `analyze` of a run the server's own worker
 * holds follows it to its end. Then the server is SIGKILLed in the middle of
 * writes and restarted: it opens cleanly, takes over the stale lock and re-queues the interrupted job.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { killAll, spawnChild, type TestChild } from '@classfit/db/testing/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticFiles } from '../../apps/api/src/testing/synthetic-model.ts';
import { repoRoot } from './support/cli.ts';

const bin = fileURLToPath(new URL('../../apps/api/bin/classfit.mjs', import.meta.url));

describe('classfit serve with import, analyze and report beside it on one embedded store', () => {
  let home: string;
  let folder: string;
  const env = () => ({ ...process.env, CLASSFIT_HOME: home, DATABASE_URL: '', CLASSFIT_BACKEND: 'cpu', CLASSFIT_JOB_STALE_SECONDS: '5' });
  const start = (...args: string[]): TestChild => spawnChild(process.execPath, [bin, ...args], { cwd: repoRoot, env: env() });
  /** Runs a command to its end: exit code and output. */
  const run = async (...args: string[]) => {
    const child = start(...args);
    const code = await child.exited();
    return { code, output: child.output() };
  };
  const importArgs = (name: string) => ['import', '--layer', `early=${join(folder, 'layer0.npy')}`, '--layer', `late=${join(folder, 'layer1.npy')}`, '--labels', join(folder, 'labels.npy'), '--name', name, '--dataset', 'synthetic'];
  const analyzeArgs = (name: string, seed: number, iterations = 10) =>
    ['analyze', '--model', name, '--iterations', String(iterations), '--reduce', '2', '--entropy-samples', '50', '--kl-samples', '20', '--workers', '1', '--seed', String(seed)];

  async function startServer(...args: string[]): Promise<{ child: TestChild; url: string }> {
    const child = start('serve', '--port', '0', ...args);
    const line = await child.waitFor(/listening on http/, 60_000);
    return { child, url: line.slice(line.indexOf('http')) };
  }

  /** Opens the data directory with amcheck (the server must be stopped) and checks every B-tree index. */
  async function checkIntegrity(): Promise<PGlite> {
    const pglite = new PGlite(join(home, 'db'), { extensions: { amcheck } });
    await pglite.exec('CREATE EXTENSION IF NOT EXISTS amcheck');
    const { rows } = await pglite.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.amname = 'btree' AND n.nspname = 'public'`,
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const { name } of rows) await pglite.query(`SELECT bt_index_check('public.${name}'::regclass, true)`);
    return pglite;
  }

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'classfit-concurrent-'));
    folder = await writeSyntheticFiles();
  });
  afterAll(async () => {
    await killAll();
    await Promise.all([home, folder].map((f) => rm(f, { recursive: true, force: true })));
  });

  it('runs the workflow concurrently in a loop and leaves the database intact and consistent', async () => {
    const server = await startServer();
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      const name = `tiny${round}`;
      // This round's model is imported while the previous one is analysed, the one before it reported, and the API queried.
      const jobs = [run(...importArgs(name))];
      if (round >= 1) jobs.push(run(...analyzeArgs(`tiny${round - 1}`, round)));
      if (round >= 2) jobs.push(run('report', '--model', `tiny${round - 2}`, '--format', 'json'));
      const api = fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ models(first: 50) { totalCount } }' }) });
      const results = await Promise.all(jobs);
      for (const result of results) {
        expect(result.code, result.output).toBe(0);
        expect(result.output).toMatch(new RegExp(`database: going through pid ${server.child.pid} \\(classfit serve --port 0`));
      }
      expect((await api).status).toBe(200);
    }
    const last = `tiny${rounds - 1}`;
    const analysed = await run(...analyzeArgs(last, rounds));
    expect(analysed.code, analysed.output).toBe(0);
    const throughServer = await run('report', '--model', Array.from({ length: rounds }, (_, r) => `tiny${r}`).join(','), '--format', 'json');
    expect(throughServer.code, throughServer.output).toBe(0);

    // A second server refuses, in one line naming the first.
    const second = await run('serve', '--port', '0');
    expect(second.code).toBe(1);
    expect(second.output.trim().split('\n').at(-1)).toMatch(new RegExp(`^classfit: the embedded store .* is already served by pid ${server.child.pid} \\(classfit serve --port 0, since .*\\); use that server .* or stop it \\(kill ${server.child.pid}\\) first$`));

    server.child.signal('SIGTERM');
    expect(await server.child.exited()).toBe(0);

    const pglite = await checkIntegrity();
    try {
      const runs = await pglite.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM fit_runs GROUP BY status');
      expect(runs.rows).toEqual([{ status: 'succeeded', n: rounds }]);
      const models = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM models');
      expect(models.rows[0].n).toBe(rounds);
      // Every model has all its examples and every run all its class fits (2 layers × 3 classes).
      const examples = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM examples GROUP BY model_id');
      expect(examples.rows.map((r) => r.n)).toEqual(Array(rounds).fill(72));
      const fits = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM class_fits GROUP BY run_id');
      expect(fits.rows.map((r) => r.n)).toEqual(Array(rounds).fill(6));
    } finally {
      await pglite.close();
    }
    // Read directly (no server now): the same report.
    const direct = await run('report', '--model', Array.from({ length: rounds }, (_, r) => `tiny${r}`).join(','), '--format', 'json');
    expect(direct.code, direct.output).toBe(0);
    expect(direct.output).toMatch(/database: embedded PGlite in/);
    expect(direct.output).not.toMatch(/going through/);
    const json = (output: string) => output.slice(output.indexOf('\n['));
    expect(json(direct.output)).toBe(json(throughServer.output));
  }, 180_000);

  it('follows a run that the server\'s worker is processing until it ends', async () => {
    const server = await startServer();
    try {
      expect((await run(...importArgs('followed'))).code).toBe(0);
      const args = analyzeArgs('followed', 7, 100);
      const queued = await run(...args, '--queue');
      expect(queued.output).toMatch(/run \d+ queued/);
      // The server's worker claims queued runs: wait until it has this one, so that analyze has to follow it.
      let status = '';
      for (let i = 0; i < 120 && !/is running/.test(status); i++) status = (await run(...args, '--queue')).output;
      expect(status).toMatch(/is running/);
      const followed = await run(...args);
      expect(followed.code, followed.output).toBe(0);
      expect(followed.output).toMatch(/is being processed by worker .*; following it/);
      expect(followed.output.trim().split('\n').at(-1)).toMatch(/^run \d+ succeeded \(worker .+\); classfit report shows its findings$/);
    } finally {
      server.child.signal('SIGTERM'); // also when an expectation failed: the next test starts its own server
      expect(await server.child.exited()).toBe(0);
    }
  }, 180_000);

  it('opens cleanly after the server is SIGKILLed in the middle of writes, and re-queues the interrupted job', async () => {
    // Without its worker, so that the analysis below runs in the CLI (writing through the server) and is not taken
    // over by the server's worker.
    const server = await startServer('--no-worker');
    const importing = start(...importArgs('bulk'));
    const analyzing = start(...analyzeArgs('tiny0', 99, 400));
    await analyzing.waitFor(/fit early\/main/, 60_000); // the analysis is writing progress and checkpoints
    server.child.signal('SIGKILL');
    await server.child.exited();
    const [importCode, analyzeCode] = await Promise.all([importing.exited(), analyzing.exited()]);
    expect(analyzeCode).not.toBe(0); // lost its connection
    expect(analyzing.output().trim().split('\n').at(-1)).toMatch(/^classfit: lost the connection to the process that holds the embedded store \(.+\); its open transaction was rolled back; run the command again$/);

    const restarted = await startServer();
    expect(restarted.child.output()).not.toMatch(/waiting for/);
    const report = await run('report', '--model', 'tiny0', '--format', 'json');
    expect(report.code, report.output).toBe(0);
    restarted.child.signal('SIGTERM');
    expect(await restarted.child.exited()).toBe(0);

    const pglite = await checkIntegrity();
    try {
      // The interrupted analysis is queued again (or already resumed by the restarted server's worker), never lost.
      const interrupted = await pglite.query<{ status: string }>("SELECT status FROM fit_runs WHERE seed = 99");
      expect(interrupted.rows).toHaveLength(1);
      expect(['queued', 'running', 'succeeded']).toContain(interrupted.rows[0].status);
      // The import either committed whole or left nothing.
      const bulk = await pglite.query<{ n: number }>("SELECT count(e.*)::int AS n FROM models m JOIN examples e ON e.model_id = m.id WHERE m.name = 'bulk'");
      expect([0, 72]).toContain(bulk.rows[0].n);
      if (importCode === 0) expect(bulk.rows[0].n).toBe(72);
    } finally {
      await pglite.close();
    }
  }, 180_000);
});
