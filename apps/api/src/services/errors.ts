/**
 * Domain errors raised by services. The CLI prints their message; the GraphQL
 * layer maps them to codes in one place (NOT_FOUND, BAD_USER_INPUT).
 */

/** One problem with an input, attributed to a field (file, option) so it can be reported next to it. */
export interface Problem {
  readonly field: string;
  readonly message: string;
}

/** Input failed validation; carries every problem found, not just the first. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly problems: readonly Problem[],
    summary = 'invalid input',
  ) {
    super(`${summary}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
}

/** A referenced entity does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`${entity} "${key}" not found`);
  }
}

/** The operation was cancelled (AbortSignal). */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(message = 'cancelled') {
    super(message);
  }
}
