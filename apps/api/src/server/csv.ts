/** CSV text per RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled. */

/** One value as a CSV field (null/undefined → empty, arrays joined by `;`, numbers in shortest round-trip form). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(';') : value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (with CRLF, as the RFC asks). */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
