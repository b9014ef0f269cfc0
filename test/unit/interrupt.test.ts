// Ctrl-C and SIGTERM from the command line: exit 130 and never a verdict;
// the run's JSON says interrupted instead of a result; a second signal exits
// at once, naming what may be left and how to remove it. No Docker.
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import test from 'ava';
import { formatEvent, streamSink } from '../../sim/report/format-event';
import { liveRuns } from '../../sim/runtime/index';
import { runBegun, runRemoved } from '../../sim/runtime/live-runs';
import { abortOnSignals, forcedExitMessage } from '../../sim/cli/interrupt';
import { tempFile } from '../helpers/cli';

// Before anything creates the Docker client: point it at a socket that does not exist.
process.env.DOCKER_HOST = 'unix:///nonexistent/aplus-test/docker.sock';
const { main } = await import('../../sim/cli');

const VERDICT = /^\s*(pass|FAIL)\b|: (pass|FAIL)$/m;

/**
 * range-10 on prefixes of its own: the shipped ones are on this host's routes
 * whenever another checkout has a run of them up, and the file would then be
 * refused (exit 2) before the command gets to the signal.
 */
const topologyFile = () => tempFile('range-10.yaml', readFileSync('topologies/range-10.yaml', 'utf8')
  .replaceAll('2001:db8:7301:d002:', '2001:db8:7e57:d002:').replaceAll('198.51.100.', '203.0.113.').replaceAll('192.168.1.', '10.213.1.'));

/** range-10-web-facebook on that topology. */
const scenarioFile = () =>
  tempFile('range-10-web-facebook.yaml', readFileSync('scenarios/range-10-web-facebook.yaml', 'utf8').replace('../topologies/range-10.yaml', topologyFile()));

async function interrupted(argv: string[], signal = 'SIGINT') {
  const controller = new AbortController();
  controller.abort(signal);
  let out = '', err = '';
  const code = await main(argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } }, controller.signal);
  return { code, out, err };
}

test('aplus run interrupted exits 130, prints no verdict, and its --json file says interrupted with no result', async (t) => {
  const json = tempFile('run.json', 'stale: a file from an earlier run is replaced\n');
  const file = scenarioFile();
  const r = await interrupted(['run', file, '--json', json, '--html', `${json}.html`]);
  t.is(r.code, 130);
  t.is(r.out, '');
  t.notRegex(r.out + r.err, VERDICT);
  t.is(r.err, 'interrupted by SIGINT during up: nothing had been made\n');
  t.deepEqual(JSON.parse(readFileSync(json, 'utf8')), {
    scenario: 'range-10-web-facebook', file, interrupted: true, signal: 'SIGINT', phase: 'up', exitCode: 130,
  });
  t.false(existsSync(`${json}.html`), 'no report of a run that has no result');
});

test('an error after Ctrl-C is part of the interruption: exit 130, not the error\'s own code', async (t) => {
  // No Docker daemon answers here (exit 3 otherwise), but the signal came first.
  const r = await interrupted(['up', topologyFile()], 'SIGTERM');
  t.is(r.code, 130);
  t.regex(r.err, /^aplus: interrupted by SIGTERM: no Docker daemon answers/);
  t.is(r.out, '');
});

test('the interruption is one line naming the signal, the phase and the run; a JSON line with --json', (t) => {
  t.is(formatEvent({ kind: 'interrupted', signal: 'SIGINT', phase: 'traffic', run: 'r-1' }, false),
    'interrupted by SIGINT during traffic of r-1: everything it made was removed; the assertions were not evaluated');
  t.is(formatEvent({ kind: 'interrupted', signal: 'SIGTERM', phase: 'up', run: 'r-1' }, false), 'interrupted by SIGTERM during up of r-1: everything it made was removed');
  const lines: string[] = [];
  streamSink({ write: (s: string) => lines.push(s) }, 'json')({ kind: 'interrupted', signal: 'SIGTERM', phase: 'up', run: 'r-1' });
  t.deepEqual(lines, ['{"kind":"interrupted","signal":"SIGTERM","phase":"up","run":"r-1"}\n']);
});

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
