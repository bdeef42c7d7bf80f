import { InvalidArgumentError } from '../errors/index.ts';

/**
 * Small typed readers for untrusted JSON: each throws
 * `InvalidArgumentError(source, "<json path> must be …")` naming the exact path.
 */
export class JsonReader {
  constructor(readonly source: string) {}

  fail(path: string, message: string): never {
    throw new InvalidArgumentError(this.source, `${path} ${message}`);
  }

  object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'must be an object');
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail(path, `has unknown key '${key}' (allowed: ${allowed.join(', ')})`);
    }
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: string, length?: number): unknown[] {
    if (!Array.isArray(value)) this.fail(path, length === undefined ? 'must be an array' : `must be an array of length ${length}`);
    if (length !== undefined && value.length !== length) this.fail(path, `must have length ${length}, got ${value.length}`);
    return value;
  }

  number(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(path, `must be a finite number, got ${JSON.stringify(value)}`);
    return value;
  }

  integer(value: unknown, path: string): number {
    const n = this.number(value, path);
    if (!Number.isInteger(n)) this.fail(path, `must be an integer, got ${n}`);
    return n;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, `must be a string, got ${JSON.stringify(value)}`);
    return value;
  }

  /** [length] finite numbers → Float64Array. */
  vector(value: unknown, path: string, length: number): Float64Array {
    const list = this.array(value, path, length);
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      const v = list[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`${path}[${i}]`, `must be a finite number, got ${JSON.stringify(v)}`);
      out[i] = v;
    }
    return out;
  }

  /** [rows][columns] finite numbers → row-major Float64Array; `shapeMessage` replaces the generic error. */
  matrix(value: unknown, path: string, rows: number, columns: number, shapeMessage?: string): Float64Array {
    const out = new Float64Array(rows * columns);
    const bad = () => this.fail(path, shapeMessage ?? `must be [${rows}][${columns}] finite numbers`);
    if (!Array.isArray(value) || value.length !== rows) bad();
    for (let i = 0; i < rows; i++) {
      const row = (value as unknown[])[i];
      if (!Array.isArray(row) || row.length !== columns) bad();
      for (let j = 0; j < columns; j++) {
        const v = (row as unknown[])[j];
        if (typeof v !== 'number' || !Number.isFinite(v)) bad();
        out[i * columns + j] = v as number;
      }
    }
    return out;
  }
}
