/** Row counts of every table: for "nothing was stored" checks and status pages. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

const TABLES = [
  'projects', 'datasets', 'dataset_classes', 'architectures', 'models', 'examples', 'layers', 'fit_runs', 'fit_run_layers',
  'layer_fits', 'class_fits', 'example_scores', 'group_splits', 'genclass_results', 'kl_matrices',
  'density_bins', 'layer_similarities', 'memorization_subsets', 'users', 'api_tokens', 'project_roles', 'uploads', 'upload_files',
] as const;

/** `{ table: rowCount }` for every classfit table. */
export async function tableCounts(db: Db): Promise<Record<(typeof TABLES)[number], number>> {
  const parts = TABLES.map((t) => `select '${t}' as name, count(*)::int as n from ${t}`).join(' union all ');
  // Both drivers return `{ rows }`; the shared Db type cannot express that.
  const result = (await db.execute(sql.raw(parts))) as unknown as { rows: { name: string; n: number | string }[] };
  return Object.fromEntries(result.rows.map((r) => [r.name, Number(r.n)])) as Record<(typeof TABLES)[number], number>;
}
