/**
 * Command-line flags derived from a zod options schema: a command lists which
 * field each flag sets and a line of help; the type, range and default of the
 * flag come from the schema (the one declaration of every option, STYLE 9), and
 * so do the validation and its message, which names the flag.
 */
import type { z } from 'zod';
import { UsageError } from './command.ts';

/** One flag that sets a (possibly nested, dotted) field of an options object. */
export interface SchemaFlag {
  readonly flag: string;
  readonly field: string;
  readonly help: string;
  /** Placeholder in the usage text (default `N` for numbers, `M` for choices). */
  readonly placeholder?: string;
  /** Replaces the default the schema states, e.g. for a computed default. */
  readonly defaultText?: string;
}

interface FieldFacts {
  readonly kind: 'number' | 'choice' | 'other';
  readonly min?: number;
  readonly max?: number;
  readonly choices?: readonly string[];
  readonly defaultValue?: unknown;
}

type Node = { _zod: { def: { type: string; innerType?: Node; defaultValue?: unknown; shape?: Record<string, Node> } }; minValue?: number | null; maxValue?: number | null; options?: readonly string[] };

function fieldSchema(shape: z.ZodRawShape, field: string): Node {
  let node: Node | undefined = { _zod: { def: { type: 'object', shape: shape as unknown as Record<string, Node> } } };
  for (const part of field.split('.')) {
    while (node && node._zod.def.innerType) node = node._zod.def.innerType;
    node = node?._zod.def.shape?.[part];
    if (!node) throw new Error(`schema has no field "${field}"`);
  }
  return node!;
}

/** Type, range, choices and default of `field` in `shape`, read from the schema itself. */
export function fieldFacts(shape: z.ZodRawShape, field: string): FieldFacts {
  let node = fieldSchema(shape, field);
  let defaultValue: unknown;
  for (;;) {
    const def = node._zod.def;
    if (def.type === 'default') defaultValue ??= def.defaultValue;
    if (!def.innerType) break;
    node = def.innerType;
  }
  const type = node._zod.def.type;
  if (type === 'number') return { kind: 'number', min: node.minValue ?? undefined, max: node.maxValue ?? undefined, defaultValue };
  if (type === 'enum') return { kind: 'choice', choices: node.options, defaultValue };
  return { kind: 'other', defaultValue };
}

/** `parseArgs` options of `flags` (every one takes a string value). */
export function flagOptions(flags: readonly SchemaFlag[]): Record<string, { type: 'string' }> {
  return Object.fromEntries(flags.map((f) => [f.flag, { type: 'string' as const }]));
}

function numberRange(min: number | undefined, max: number | undefined): string {
  const bounded = (v: number | undefined) => v !== undefined && Math.abs(v) < Number.MAX_SAFE_INTEGER;
  if (bounded(min) && bounded(max)) return `${min}–${max}`;
  if (bounded(min)) return `≥ ${min}`;
  return bounded(max) ? `≤ ${max}` : 'any number';
}

/** Usage lines of `flags`: help, then the range or choices and the default, all from the schema. */
export function flagUsage(shape: z.ZodRawShape, flags: readonly SchemaFlag[], width = 24): string {
  return flags
    .map((f) => {
      const facts = fieldFacts(shape, f.field);
      const placeholder = f.placeholder ?? (facts.kind === 'choice' ? 'M' : 'N');
      const range = facts.kind === 'number' ? numberRange(facts.min, facts.max) : facts.kind === 'choice' ? facts.choices!.join(' | ') : '';
      const fallback = f.defaultText ?? (facts.defaultValue === undefined ? undefined : String(facts.defaultValue));
      return `  ${`--${f.flag} ${placeholder}`.padEnd(width - 2)}${f.help} (${range}${fallback === undefined ? '' : `; default ${fallback}`})`;
    })
    .join('\n');
}

/** The options `flags` set in `values`, numbers parsed as numbers, nested fields nested; absent flags are left out. */
export function optionsFromFlags(shape: z.ZodRawShape, flags: readonly SchemaFlag[], values: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const f of flags) {
    const raw = values[f.flag];
    if (raw === undefined) continue;
    let value: unknown = raw;
    if (fieldFacts(shape, f.field).kind === 'number') {
      value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(value)) throw new UsageError(`--${f.flag} must be a number, got "${String(raw)}"`);
    }
    const path = f.field.split('.');
    let target = options;
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[path.at(-1)!] = value;
  }
  return options;
}

/**
 * Validates `options` against `schema` and returns them as given (defaults are
 * applied later, where the options are used); the first problem is a UsageError
 * naming the flag that sets the field, e.g. `--burn-in: must be < iterations (100), got 320`.
 */
export function checkFlags<S extends z.ZodType>(schema: S, flags: readonly SchemaFlag[], options: Record<string, unknown>): z.input<S> {
  const result = schema.safeParse(options);
  if (result.success) return options as z.input<S>;
  const issue = result.error.issues[0];
  const field = issue.path.join('.');
  const flag = flags.find((f) => f.field === field)?.flag;
  throw new UsageError(`${flag ? `--${flag}` : field || 'options'}: ${issue.message}`);
}
