/**
 * A failure the user can fix (bad flag, missing host, lock held): printed as one line, exit code given.
 * Anything else that reaches the top-level handler is a bug and is reported as one.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Thrown to end the process with a code after output was already written (e.g. plan's exit 2). */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = "ExitCode";
  }
}
