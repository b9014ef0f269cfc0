// The few error kinds the CLI maps to exit codes (0 pass, 1 check failed,
// 2 bad input, 3 environment, 130 interrupted). Each keeps its cause for --debug.

export abstract class AplusError extends Error {
  abstract readonly exitCode: 1 | 2 | 3 | 130;
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

/** Where a run was when it was interrupted: coming up, warming its generators up, under traffic, collecting, going down. */
export type RunPhase = 'up' | 'warm-up' | 'traffic' | 'collect' | 'down';

/** The signal's name (SIGINT, SIGTERM) when the abort gave one (the CLI does), else "abort". */
export const abortReason = (signal: AbortSignal): string => (typeof signal.reason === 'string' ? signal.reason : 'abort');

/**
 * Ctrl-C or SIGTERM stopped the work, and what it had made was removed.
 * An interrupted run has no verdict: nothing it measured is evaluated.
 */
export class AbortedError extends AplusError {
  readonly exitCode = 130 as const;
  readonly signal: string;
  readonly phase: RunPhase;
  /** The run it stopped, once one had an id. */
  readonly runId: string | undefined;
  constructor(opts: { signal: string; phase: RunPhase; runId?: string; cause?: unknown }) {
    super(`interrupted by ${opts.signal} during ${opts.phase}${opts.runId ? ` of run ${opts.runId}` : ''}`, { cause: opts.cause });
    this.name = 'AbortedError';
    this.signal = opts.signal;
    this.phase = opts.phase;
    this.runId = opts.runId;
  }

  static of(signal: AbortSignal, phase: RunPhase, runId?: string): AbortedError {
    return new AbortedError({ signal: abortReason(signal), phase, ...(runId ? { runId } : {}) });
  }
}
