/** `GET /healthz`: the database engine (and that it answers) and the compute backend. */
import type { ServerResponse } from 'node:http';
import type { BackendInfo } from '@classfit/core/tensor';
import { pingDatabase } from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';

/** Writes the health report: 200 when the database answers, 503 otherwise. */
export async function handleHealth(res: ServerResponse, app: AppContext, backend: () => BackendInfo | null): Promise<void> {
  const info = backend();
  const report = { ok: true, db: { engine: app.engine, ok: true as boolean, error: undefined as string | undefined }, backend: { name: info?.name ?? null, requested: info?.requested ?? app.backendPreference, adapter: info?.adapter ?? null } };
  try {
    await pingDatabase(app.db);
  } catch (error) {
    report.ok = false;
    report.db.ok = false;
    report.db.error = (error as Error).message.split('\n')[0];
  }
  res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(report));
}
