// The words `jobs list` offers in its --help, apart from the table code so the help loads nothing else.

export const STATUS_WORDS = ["success", "failed", "cancelled", "running", "never"] as const;

/** The width `jobs list` fits by default; `--wide` shows every column uncut. */
export const NARROW_WIDTH = 120;
