/** CSV (RFC 4180) of plain rows, for the "export data" button of every chart and table. */

export type CsvValue = string | number | boolean | null | undefined;

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * @param rows objects with the same keys; missing keys become empty cells.
 * @param columns the header, in order; defaults to the first row's keys.
 */
export function toCsv(rows: readonly Record<string, CsvValue>[], columns?: readonly string[]): string {
  const header = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  const lines = [header.map(cell).join(',')];
  for (const row of rows) lines.push(header.map((key) => cell(row[key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
