// A second Ctrl-C or SIGTERM exits at once, naming what may be left behind
// and how to remove it; the first only aborts the run's signal. No Docker.
import { EventEmitter } from 'node:events';
import test from 'ava';
import { liveRuns } from '../../sim/runtime/index';
import { runBegun, runRemoved } from '../../sim/runtime/live-runs';
import { abortOnSignals, forcedExitMessage } from '../../sim/cli/interrupt';

/** A stand-in for process: signals are emitted by the test; exit is recorded. */
function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  let err = '';
  const target = {
    on: (event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void) => emitter.on(event, listener),
    exit: (code: number) => void exits.push(code),
    stderr: { write: (s: string) => (err += s) },
  };
  return { target, exits, err: () => err, send: (signal: NodeJS.Signals) => emitter.emit(signal, signal) };
}

test('the first Ctrl-C aborts the signal with its name and exits nothing; a second exits 130 naming the run left behind', (t) => {
  const p = fakeProcess();
  const signal = abortOnSignals(p.target, () => ['range-10-web-facebook-1a2b3c']);
  p.send('SIGINT');
  t.true(signal.aborted);
  t.is(signal.reason, 'SIGINT');
  t.deepEqual(p.exits, []);
  t.is(p.err(), '\naplus: SIGINT: stopping and removing what this run made (Ctrl-C again to exit at once)\n');
  p.send('SIGINT');
  t.deepEqual(p.exits, [130]);
  t.regex(p.err(), /\naplus: SIGINT again: exiting now; run range-10-web-facebook-1a2b3c may be left behind \(its containers, the fabric among them\); aplus down range-10-web-facebook-1a2b3c \(or aplus down --all\) removes it\n$/);
});

test('SIGTERM aborts as Ctrl-C does', (t) => {
  const p = fakeProcess();
  const signal = abortOnSignals(p.target, () => []);
  p.send('SIGTERM');
  t.is(signal.reason, 'SIGTERM');
  t.regex(p.err(), /SIGTERM again to exit at once/);
});

test('a forced exit with no run known, or several, points at aplus down --all', (t) => {
  t.is(forcedExitMessage('SIGINT', []), 'aplus: SIGINT again: exiting now; what it had begun to make may be left behind; aplus down --all removes it\n');
  t.is(forcedExitMessage('SIGTERM', ['a-1', 'b-2']),
    'aplus: SIGTERM again: exiting now; runs a-1, b-2 may be left behind (their containers, the fabric among them); aplus down --all removes them\n');
});

test('the runs left behind are those begun and not yet removed', (t) => {
  runBegun('x-1');
  runBegun('x-2');
  runRemoved('x-1');
  t.deepEqual(liveRuns().filter((r) => r.startsWith('x-')), ['x-2']);
  runRemoved(undefined); // down --all
  t.deepEqual(liveRuns(), []);
});
