// Where a scenario run is, and where it was when its signal aborted: an
// interrupted run says where it stopped, and gives no verdict.
import { AbortedError, type RunPhase } from '../model/errors';

export interface RunPhases {
  /** Moves on to a phase; once the signal has aborted, the run stays where it stopped. */
  enter(phase: RunPhase): void;
  /** Throws AbortedError once the signal has aborted: nothing measured after that is a verdict. */
  throwIfAborted(runId?: string): void;
}

export function runPhases(signal: AbortSignal | undefined, first: RunPhase): RunPhases {
  let now = first;
  return {
    enter(phase) {
      if (!signal?.aborted) now = phase;
    },
    throwIfAborted(runId) {
      if (signal?.aborted) throw AbortedError.of(signal, now, runId);
    },
  };
}
