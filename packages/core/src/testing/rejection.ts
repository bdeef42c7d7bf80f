import { expect } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';

/** Calls `fn`, expecting an InvalidArgumentError; returns it for assertions on parameter/message. */
export function rejection(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError, none was thrown');
}
