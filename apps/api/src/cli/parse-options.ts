import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` strictly (unknown flags are a UsageError naming the flag). */
export function parseCommandLine<T extends Options>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The value of a required string flag, or a UsageError naming it. */
export function requiredString(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`--${flag} is required`);
  return value;
}

/** An integer flag within [min, max]; `undefined` when absent and no default is given. */
export function integerOption(value: string | boolean | undefined, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`--${flag} must be an integer in [${min}, ${max}], got "${String(value)}"`);
  }
  return parsed;
}

/** One of `choices`, or a UsageError listing them. */
export function choiceOption<C extends string>(value: string | boolean | undefined, flag: string, choices: readonly C[]): C | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, got "${String(value)}"`);
  }
  return value as C;
}
