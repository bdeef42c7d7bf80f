/**
 * A child process for the embedded-store tests: opens a data directory as `classfit-test-holder` and then
 *   hold   — prints `ready` and keeps the store until SIGTERM (closing it cleanly);
 *   write  — prints `ready`, then commits numbered pairs of rows in `pairs` (id 2k and 2k+1 in one transaction)
 *            as fast as it can, printing each committed k, until killed.
 */
import { openEmbeddedStore } from '../open-embedded.ts';

const [dataDir, mode] = process.argv.slice(2);
const store = await openEmbeddedStore({ dataDir, command: `classfit-test-holder ${mode}`, longLived: true });
const pglite = store.pglite!;
if (mode === 'write') {
  await pglite.exec('CREATE TABLE IF NOT EXISTS pairs (id integer PRIMARY KEY, payload text NOT NULL)');
  process.stdout.write('ready\n');
  for (let k = 0; ; k++) {
    await pglite.transaction(async (tx) => {
      await tx.query('INSERT INTO pairs VALUES ($1, $2)', [2 * k, 'x'.repeat(2000)]);
      await tx.query('INSERT INTO pairs VALUES ($1, $2)', [2 * k + 1, 'y'.repeat(2000)]);
    });
    process.stdout.write(`${k}\n`);
  }
} else {
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.once('SIGTERM', resolve));
  await store.close();
}
