// The few error kinds the CLI maps to exit codes (0 pass, 1 check failed,
// 2 bad input, 3 environment). Each keeps its cause for --debug.

export abstract class AplusError extends Error {
  abstract readonly exitCode: 1 | 2 | 3;
}

/** Where in a file a problem is; line and column are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** Bad input: a file, a flag or an argument. */
export class InputError extends AplusError {
  readonly exitCode = 2 as const;
  readonly location: SourceLocation | undefined;
  readonly key: string | undefined;
  constructor(detail: string, opts: { location?: SourceLocation; key?: string; cause?: unknown } = {}) {
    super(InputError.render(detail, opts.location, opts.key), { cause: opts.cause });
    this.name = 'InputError';
    this.location = opts.location;
    this.key = opts.key;
  }

  private static render(detail: string, loc?: SourceLocation, key?: string): string {
    const where = loc ? `${loc.file}${loc.line ? `:${loc.line}` : ''}` : '';
    return [where, key].filter(Boolean).join(' ') + (where || key ? ': ' : '') + detail;
  }
}

/** The machine cannot do what was asked: no Docker daemon, no privileges. */
export class EnvironmentError extends AplusError {
  readonly exitCode = 3 as const;
  readonly hint: string | undefined;
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'EnvironmentError';
    this.hint = opts.hint;
  }
}

/** Something ran but a check on it failed. */
export class CheckFailedError extends AplusError {
  readonly exitCode = 1 as const;
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super(message, opts);
    this.name = 'CheckFailedError';
  }
}
