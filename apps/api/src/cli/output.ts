/**
 * How a command prints its results: human-readable text by default, or with `--json` one JSON document on stdout
 * (logs and warnings stay on stderr either way), so every command's output can be piped into `jq` or a script.
 */

/** The `--json` flag, spread into a command's `parseCommandLine` options. */
export const JSON_FLAG = { json: { type: 'boolean' } } as const;

/** Usage line of the flag for a command's help text, its description starting at `column` like the other options'. */
export function jsonUsage(column: number): string {
  return `${'  --json'.padEnd(column)}print the result as one JSON document instead of text`;
}

/**
 * Writes `value` as JSON when `json` is set (indented; on one line with `oneLine`, for a long-running command's
 * start-up line that a script reads line by line), else the text `text()` returns; a newline is added.
 */
export function printResult(json: boolean | undefined, value: unknown, text: () => string, oneLine = false): void {
  process.stdout.write(json ? `${JSON.stringify(value, jsonValue, oneLine ? undefined : 2)}\n` : `${text()}\n`);
}

/** JSON replacer: typed arrays as lists, bigints as numbers, Dates as ISO strings (JSON.stringify's default). */
function jsonValue(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'bigint') return Number(value);
  return value;
}
