/** Test helper: an AppContext on a fresh test database and a temporary artifact store. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArtifactStore } from '@classfit/db';
import type { TestEngine } from '@classfit/db/testing';
import type { AppContext } from '../context/app-context.ts';

/** Opens a context whose `close()` also deletes its temporary home. Backend: tfjs `cpu`. */
export async function openTestContext(engine: TestEngine, log: (line: string) => void = () => {}): Promise<AppContext> {
  const handle = await engine.open();
  const home = await mkdtemp(join(tmpdir(), 'classfit-home-'));
  return {
    db: handle.db,
    engine: handle.engine,
    artifacts: createArtifactStore(join(home, 'artifacts')),
    home,
    backendPreference: 'cpu',
    log,
    async close() {
      await handle.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
