/**
 * CSV text per RFC 4180 — fields with commas, quotes or line breaks quoted, quotes doubled, CRLF line ends — for
 * every export of the API and the dashboard. Text that a spreadsheet would run as a formula (it starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'` (OWASP's CSV-injection advice). Only
 * text is guarded: numbers, including negative ones, are written as numbers.
 */

/** A value one CSV cell can hold; arrays are joined by `;`, dates written in ISO 8601. */
export type CsvValue = string | number | boolean | bigint | Date | null | undefined | readonly (string | number | boolean | null)[];

const FORMULA_START = /^[=+\-@\t\r]/;

/** One value as a CSV field (null/undefined → empty; numbers in shortest round-trip form). */
export function csvField(value: CsvValue | unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') text = String(value);
  else if (value instanceof Date) text = value.toISOString();
  else if (Array.isArray(value) && value.every((v) => typeof v === 'number' || v === null)) text = value.join(';');
  else {
    text = Array.isArray(value) ? value.join(';') : String(value);
    if (FORMULA_START.test(text)) text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, with CRLF. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * A whole CSV document of plain rows.
 * @param rows objects with the same keys; missing keys become empty cells
 * @param columns the header, in order; defaults to the first row's keys
 */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const header = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  return csvLine(header) + rows.map((row) => csvLine(header.map((key) => row[key]))).join('');
}
