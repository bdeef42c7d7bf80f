/** The shape of one CLI command module under `commands/`. */
export interface CliCommand {
  /** Full usage text for `classfit <verb> --help`. */
  readonly usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** Error for bad command-line input: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
