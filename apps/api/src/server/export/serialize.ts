/**
 * One export table's rows as text, the same for the HTTP route and `classfit export`: CSV (a header line, then
 * one RFC 4180 line per row) or a JSON array of objects with every column (null when absent). Streamed: chunks
 * come out as rows come in.
 */
import { csvLine } from '@classfit/wire/csv';

/** Text formats of an export. */
export type ExportTextFormat = 'csv' | 'json';

/** The text of `rows` with `columns` in `format`, chunk by chunk. */
export async function* exportChunks(
  columns: readonly string[],
  rows: AsyncIterable<Record<string, unknown>>,
  format: ExportTextFormat,
): AsyncGenerator<string> {
  yield format === 'csv' ? csvLine(columns) : '[';
  let first = true;
  for await (const row of rows) {
    if (format === 'csv') yield csvLine(columns.map((c) => row[c]));
    else yield `${first ? '\n' : ',\n'}${JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])))}`;
    first = false;
  }
  yield format === 'csv' ? '' : '\n]\n';
}

/** `first` (already read, e.g. to catch parameter errors before answering) followed by the rest of `rows`. */
export async function* withFirst<T>(first: IteratorResult<T>, rows: AsyncIterator<T>): AsyncGenerator<T> {
  for (let next = first; !next.done; next = await rows.next()) yield next.value;
}
