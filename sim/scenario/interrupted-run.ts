// What aplus run --json writes for a run that was interrupted: which run
// stopped where, and no verdict and no measurements, so that nothing
// reading the file (a CI job) can take a cancelled run for a pass.
import type { AbortedError, RunPhase } from '../model/errors';

export interface InterruptedRun {
  readonly scenario: string;
  readonly file: string;
  readonly interrupted: true;
  readonly signal: string;
  readonly phase: RunPhase;
  /** The run it stopped; absent when it stopped before one had an id (nothing had been made). */
  readonly runId?: string;
  readonly exitCode: 130;
}

export function interruptedRun(s: { readonly name: string; readonly file: string }, e: AbortedError): InterruptedRun {
  return { scenario: s.name, file: s.file, interrupted: true, signal: e.signal, phase: e.phase, ...(e.runId ? { runId: e.runId } : {}), exitCode: 130 };
}
