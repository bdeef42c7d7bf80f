/** A pagination cursor that this store did not make. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(readonly cursor: string) {
    super(`invalid cursor "${cursor}"`);
  }
}
