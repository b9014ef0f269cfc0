// The suite's own progress: one line when a scenario starts and one when it
// ends, in the style of report/format-event.ts (colour on a terminal, plain
// lines in CI). The runs' own events go through a filter (runEventSink).
import { Chalk } from 'chalk';
import type { AplusEvent, EventSink } from '../report/events';
import type { OutputMode } from '../report/format-event';
import type { Verdict } from './outcome';

export type SuiteEvent =
  | { kind: 'scenario-start'; scenario: string; file: string; index: number; total: number }
  | {
      kind: 'scenario-end';
      scenario: string;
      file: string;
      index: number;
      total: number;
      verdict: Verdict;
      /** Assertions that held, of all; absent when the scenario has no result. */
      passed?: number;
      assertions?: number;
      seconds?: number;
      /** Why there is no result, or where the evidence of a failure is. */
      detail?: string;
    }
  | { kind: 'suite-warning'; scenario: string; message: string };

export type SuiteSink = (e: SuiteEvent) => void;

export function formatSuiteEvent(e: SuiteEvent, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  switch (e.kind) {
    case 'scenario-start':
      return `${c.cyan('start')} [${e.index}/${e.total}] ${e.scenario} (${e.file})`;
    case 'scenario-end': {
      const word = { pass: c.green('pass'), fail: c.red('FAIL'), error: c.red('ERROR'), interrupted: c.yellow('interrupted'), skipped: c.dim('skipped') }[e.verdict];
      const counts = e.assertions !== undefined ? `: ${e.passed ?? 0}/${e.assertions} assertions` : '';
      const time = e.seconds !== undefined ? ` in ${e.seconds.toFixed(1)} s` : '';
      return `${word} [${e.index}/${e.total}] ${e.scenario}${counts}${time}${e.detail ? `${counts ? ';' : ':'} ${e.detail}` : ''}`;
    }
    case 'suite-warning':
      return `${c.yellow('warning')} ${e.scenario}: ${e.message}`;
  }
}

export function suiteSink(stream: { write(s: string): unknown }, mode: OutputMode): SuiteSink {
  return (e) => {
    stream.write((mode === 'json' ? JSON.stringify(e) : formatSuiteEvent(e, mode === 'tty')) + '\n');
  };
}

/**
 * What a run's own events become inside a suite: all of them on a terminal;
 * off it only warnings and aborts, so that CI logs hold one line per
 * scenario start and end plus what went wrong.
 */
export function runEventSink(inner: EventSink, mode: OutputMode): EventSink {
  if (mode === 'tty') return inner;
  return (e: AplusEvent) => {
    if (e.kind === 'warning' || e.kind === 'aborting') inner(e);
  };
}
