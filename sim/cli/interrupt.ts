// Ctrl-C and SIGTERM. The first aborts the command's signal: the run takes
// down what it made and the command exits 130 with no verdict. A second
// exits 130 at once, naming what may be left behind and how to remove it.
import { liveRuns } from '../runtime/index';

/** The part of `process` this needs; a fake in tests. */
export interface SignalTarget {
  on(event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
  readonly stderr: { write(s: string): unknown };
}

export function abortOnSignals(target: SignalTarget = process, leftBehind: () => readonly string[] = liveRuns): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      target.stderr.write(forcedExitMessage(signal, leftBehind()));
      target.exit(130);
      return;
    }
    target.stderr.write(`\naplus: ${signal}: stopping and removing what this run made (${signal === 'SIGINT' ? 'Ctrl-C' : signal} again to exit at once)\n`);
    controller.abort(signal);
  };
  target.on('SIGINT', onSignal);
  target.on('SIGTERM', onSignal);
  return controller.signal;
}

/** What a forced exit says: the runs it may leave (every container labelled aplus.run=<id>), and the command that removes them. */
export function forcedExitMessage(signal: string, runs: readonly string[]): string {
  const what = runs.length === 0
    ? 'what it had begun to make may be left behind'
    : `run${runs.length > 1 ? 's' : ''} ${runs.join(', ')} may be left behind (${runs.length > 1 ? 'their' : 'its'} containers, the fabric among them)`;
  const how = runs.length === 1 ? `aplus down ${runs[0]} (or aplus down --all)` : 'aplus down --all';
  return `aplus: ${signal} again: exiting now; ${what}; ${how} removes ${runs.length > 1 ? 'them' : 'it'}\n`;
}
