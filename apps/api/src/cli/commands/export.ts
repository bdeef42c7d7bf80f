/**
 * `classfit export`: one of the server's export tables (`/export/<table>.csv|json`, the same rows and columns)
 * read from the local store by model and layer NAME, as CSV, JSON or a float64 `.npy` of its numeric columns.
 */
import { writeNpy, writeFileAtomic } from '@classfit/core/io';
import { findModel, layersByModelIds, type LayerRow } from '@classfit/db';
import { createAppContext } from '../../context/app-context.ts';
import { LOCAL_OWNER } from '../../services/auth/caller.ts';
import { classifyError } from '../../services/errors.ts';
import { toGlobalId } from '../../services/views/global-id.ts';
import { createReadContext } from '../../services/views/read-context.ts';
import { exportChunks, type ExportTextFormat } from '../../server/export/serialize.ts';
import { EXPORT_TABLES, type ExportTable } from '../../server/export/tables.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { JSON_FLAG, printResult } from '../output.ts';
import { choiceOption, integerOption, parseCommandLine } from '../parse-options.ts';

const TABLES = Object.keys(EXPORT_TABLES);
const FORMATS = ['csv', 'json', 'npy'] as const;

const usage = `Usage: classfit export --table TABLE [--model <id|name>] [--layer NAME] [options]

Writes one table of an analysed model — the rows and columns of the API's /export/<table>.csv — from the local store.

Options:
  --table TABLE          ${TABLES.join(', ')}
  --model <id|name>      the model (every table but "models")
  --layer NAME           one layer, by display name (stage4) or source name (avg_pooling_3); required for
                         example-scores and kl-matrix, otherwise all of the model's layers
  --run ID               the fit run (numeric id, as in \`classfit analyze\` output; default: the latest succeeded)
  --subset NAME          kl-matrix only: all, least, most or random (default: every subset)
  --format F             csv (default), json (an array of objects) or npy (float64 [rows, numeric columns];
                         text columns such as ids and names are left out and the kept columns are listed)
  --out FILE             write FILE (atomically) instead of stdout; required for npy
  --json                 with --out: print what was written (table, rows, columns, file) as JSON`;

/** The export's query parameters, from names: the same `model=`/`layer=`/`fitRun=` global IDs the route takes. */
async function parametersFor(
  ctx: Awaited<ReturnType<typeof createAppContext>>,
  table: ExportTable,
  options: { model?: string; layer?: string; run?: number; subset?: string },
): Promise<URLSearchParams> {
  const params = new URLSearchParams();
  if (table.scope === 'models') return params;
  if (!options.model) throw new UsageError('--model is required for this table');
  const model = await findModel(ctx.db, options.model);
  if (!model) throw new UsageError(`model "${options.model}" not found`);
  const layers = await layersByModelIds(ctx.db, [model.id]);
  const names = (l: LayerRow) => (l.sourceName && l.sourceName !== l.name ? `${l.name} (${l.sourceName})` : l.name);
  if (options.layer !== undefined) {
    const layer = layers.find((l) => l.name === options.layer) ?? layers.find((l) => l.sourceName === options.layer);
    if (!layer) throw new UsageError(`model "${model.name}" has no layer "${options.layer}"; its layers: ${layers.map(names).join(', ')}`);
    params.set('layer', toGlobalId('Layer', layer.id));
  } else if (table.scope === 'layer') {
    throw new UsageError(`this table is per layer: give --layer (one of ${layers.map(names).join(', ')})`);
  } else {
    params.set('model', toGlobalId('Model', model.id));
  }
  if (options.run !== undefined) params.set('fitRun', toGlobalId('FitRun', options.run));
  if (options.subset !== undefined) params.set('subset', options.subset);
  return params;
}

/** The numeric columns of `rows` (every present value a finite number or null) as float64 [rows, columns], nulls NaN. */
function numericMatrix(columns: readonly string[], rows: readonly Record<string, unknown>[]) {
  const kept = columns.filter((c) => rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'));
  const data = new Float64Array(rows.length * kept.length);
  rows.forEach((row, i) => kept.forEach((c, j) => (data[i * kept.length + j] = typeof row[c] === 'number' ? (row[c] as number) : Number.NaN)));
  return { kept, dropped: columns.filter((c) => !kept.includes(c)), bytes: writeNpy({ dtype: 'float64', shape: [rows.length, kept.length], data }) };
}

/** Rows of `source`, counted into `counter` as they pass. */
async function* counted<T>(source: AsyncIterable<T>, counter: { rows: number }): AsyncGenerator<T> {
  for await (const row of source) {
    counter.rows++;
    yield row;
  }
}

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      table: { type: 'string' }, model: { type: 'string' }, layer: { type: 'string' }, run: { type: 'string' },
      subset: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, ...JSON_FLAG,
    });
    const name = choiceOption(values.table, 'table', TABLES);
    if (!name) throw new UsageError(`--table is required (one of ${TABLES.join(', ')})`);
    const format = choiceOption(values.format, 'format', FORMATS) ?? 'csv';
    if (format === 'npy' && !values.out) throw new UsageError('--format npy needs --out FILE (binary output is not written to a terminal)');
    if (values.json && !values.out) throw new UsageError('--json describes a written file: give --out FILE (or --format json to print the rows as JSON)');
    const table = EXPORT_TABLES[name];
    const ctx = await createAppContext();
    try {
      const params = await parametersFor(ctx, table, { model: values.model, layer: values.layer, run: integerOption(values.run, 'run', 1), subset: values.subset });
      // The CLI reads the local store as its owner (whoever holds the data directory), as every local command does.
      const rows = table.rows(createReadContext(ctx, LOCAL_OWNER), params);
      const counter = { rows: 0 };
      let columns: readonly string[] = table.columns;
      let dropped: readonly string[] = [];
      try {
        if (format === 'npy') {
          const all: Record<string, unknown>[] = [];
          for await (const row of counted(rows, counter)) all.push(row);
          const matrix = numericMatrix(table.columns, all);
          [columns, dropped] = [matrix.kept, matrix.dropped];
          await writeFileAtomic(values.out!, matrix.bytes);
        } else {
          const chunks = exportChunks(table.columns, counted(rows, counter), format as ExportTextFormat);
          if (values.out) await writeFileAtomic(values.out, chunks);
          else for await (const chunk of chunks) if (chunk && !process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
        }
      } catch (error) {
        const known = classifyError(error);
        if (known?.code === 'BAD_USER_INPUT' || known?.code === 'NOT_FOUND') throw new UsageError(known.message);
        throw error;
      }
      if (values.out) {
        const summary = { table: name, format, rows: counter.rows, columns, droppedColumns: dropped, out: values.out };
        printResult(values.json, summary, () =>
          `wrote ${values.out}: ${counter.rows} rows of ${name} (${format}${format === 'npy' ? ` float64 [${counter.rows}, ${columns.length}]` : ''}); columns ${columns.join(', ')}` +
            (dropped.length ? `; left out (not numeric): ${dropped.join(', ')}` : ''),
        );
      }
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
