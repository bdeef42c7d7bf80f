/**
 * The one error class for bad input at a public edge of @classfit/core.
 * `parameter` names the argument (or file) at fault, so callers and tests can
 * match on it instead of on the sentence.
 */
export class InvalidArgumentError extends Error {
  override readonly name = 'InvalidArgumentError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
  }
}
