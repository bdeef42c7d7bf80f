/**
 * Domain errors raised by services and views, and their one classification into client-facing codes. The CLI
 * prints their message; GraphQL (`graphql/errors.ts`) and the export routes answer with {@link classifyError}'s code.
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

/** No caller identity where one is needed: no token, or one that is unknown, expired, revoked or of a disabled user. */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
}

/** The caller is known but their role does not allow the operation; the message names the role needed and where. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

/** A bad argument value; `field` names the argument or input field at fault (e.g. `points.array.data`). */
export class BadUserInputError extends Error {
  override readonly name = 'BadUserInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** An operation that the object's current state forbids (e.g. cancelling a finished run). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** Input over a size limit (an uploaded file, or an upload as a whole); the message names the limit. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

/** The server refuses more work of this kind for now (its queue is full); the client may retry. */
export class ServerBusyError extends Error {
  override readonly name = 'ServerBusyError';
}

/** Something that records unexpected errors server-side. */
export type ErrorLogger = (error: unknown) => void;

/** Codes a client can branch on (DESIGN.md §5). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'PAYLOAD_TOO_LARGE' | 'SERVER_BUSY' | 'INTERNAL_SERVER_ERROR';

/** The code and field of a known error, or null for an unexpected one. */
export function classifyError(error: unknown): { code: ErrorCode; field?: string; message: string } | null {
  if (error instanceof NotFoundError) return { code: 'NOT_FOUND', message: error.message };
  if (error instanceof ValidationError) return { code: 'BAD_USER_INPUT', field: error.problems[0]?.field, message: error.message };
  if (error instanceof BadUserInputError) return { code: 'BAD_USER_INPUT', field: error.field, message: error.message };
  if (error instanceof ConflictError) return { code: 'CONFLICT', message: error.message };
  if (error instanceof UnauthenticatedError) return { code: 'UNAUTHENTICATED', message: error.message };
  if (error instanceof ForbiddenError) return { code: 'FORBIDDEN', message: error.message };
  if (error instanceof PayloadTooLargeError) return { code: 'PAYLOAD_TOO_LARGE', message: error.message };
  if (error instanceof ServerBusyError) return { code: 'SERVER_BUSY', message: error.message };
  const named = error as { name?: string; parameter?: string; message?: string; cursor?: string };
  // Matched by name: core and db define these, and several copies of a module may be loaded.
  if (named?.name === 'InvalidArgumentError') return { code: 'BAD_USER_INPUT', field: named.parameter, message: String(named.message) };
  if (named?.name === 'InvalidCursorError') return { code: 'BAD_USER_INPUT', field: 'after', message: `after: ${named.message}` };
  if (named?.name === 'ArtifactNotFoundError') return { code: 'NOT_FOUND', message: 'A stored result this field needs is missing from the artifact store.' };
  return null;
}
