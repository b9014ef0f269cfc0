// After a failure the suite goes on (or, with --bail, starts nothing more);
// errors of the file, the machine or aplus are their scenario's, and the
// exit code says whether everything passed. The runner is a fake: no Docker.
import test from 'ava';
import { EnvironmentError, InputError } from '../../../sim/model/errors';
import type { ScenarioResult } from '../../../sim/scenario/run-scenario';
import { runSuite, suiteExitCode, suiteSink, verdictOf, type BadEntry, type SuiteEvent } from '../../../sim/suite/index';
import { delayRunner, fakeEntry, gatedRunner, settle, verdicts } from './helpers/fakes';

const four = () => ['a', 'b', 'c', 'd'].map((n, i) => fakeEntry(n, [`10.${i}.0.0/24`]));
const bad: BadEntry = { kind: 'bad', file: 'scenarios/zz-bad.yaml', message: 'scenarios/zz-bad.yaml:7 traffic[0].profile: no profile "web-myspace"', key: 'traffic[0].profile', location: { file: 'scenarios/zz-bad.yaml', line: 7 } };
const summary = (r: Awaited<ReturnType<typeof runSuite>>) => r.outcomes.map((o) => `${o.name} ${verdictOf(o)}`);

test('every scenario passing exits 0', async (t) => {
  const report = await runSuite(four(), { runner: delayRunner(() => 1).runner });
  t.deepEqual(summary(report), ['a pass', 'b pass', 'c pass', 'd pass']);
  t.is(suiteExitCode(report), 0);
});

test('after a failed scenario and a crashed one the rest still run, and the suite exits 1', async (t) => {
  const fake = delayRunner(() => 1, { b: [verdicts.pass(0), verdicts.fail(1)], c: new Error('socket hang up') });
  const report = await runSuite(four(), { runner: fake.runner });
  t.deepEqual(summary(report), ['a pass', 'b fail', 'c error', 'd pass']);
  t.like(report.outcomes[2], { kind: 'error', reason: 'crash', message: 'socket hang up' });
  t.is(fake.log.filter((l) => l.startsWith('start')).length, 4);
  t.is(suiteExitCode(report), 1);
});

test('--bail starts nothing after the first failure; the rest are skipped', async (t) => {
  const fake = delayRunner(() => 1, { b: [verdicts.fail()] });
  const report = await runSuite(four(), { runner: fake.runner, bail: true });
  t.deepEqual(fake.log, ['start a', 'end a', 'start b', 'end b']);
  t.deepEqual(summary(report), ['a pass', 'b fail', 'c skipped', 'd skipped']);
  t.like(report.outcomes[3], { kind: 'skipped', because: 'bail' });
  t.is(suiteExitCode(report), 1);
});

test('--bail with --parallel lets the running scenarios finish, and starts no other', async (t) => {
  const fake = gatedRunner({ a: [verdicts.fail()] });
  const done = runSuite(four(), { runner: fake.runner, bail: true, parallel: 2 });
  await settle();
  fake.release('a');
  await settle();
  t.deepEqual(fake.running(), ['b']);
  fake.release('b');
  const report = await done;
  t.deepEqual(summary(report), ['a fail', 'b pass', 'c skipped', 'd skipped']);
});

test('a bad file is its scenario\'s error and the others run; under --bail nothing runs', async (t) => {
  const keepGoing = await runSuite([...four(), bad], { runner: delayRunner(() => 1).runner });
  t.deepEqual(summary(keepGoing), ['a pass', 'b pass', 'c pass', 'd pass', 'zz-bad error']);
  t.like(keepGoing.outcomes[4], { kind: 'error', reason: 'bad-input', key: 'traffic[0].profile', location: { line: 7 } });
  t.is(suiteExitCode(keepGoing), 1);

  const fake = delayRunner(() => 1);
  const bailed = await runSuite([...four(), bad], { runner: fake.runner, bail: true });
  t.deepEqual(fake.log, []);
  t.deepEqual(summary(bailed), ['a skipped', 'b skipped', 'c skipped', 'd skipped', 'zz-bad error']);
  t.is(suiteExitCode(bailed), 1);
});

test('errors of the machine and of the input keep their kind, and the way out', async (t) => {
  const fake = delayRunner(() => 1, {
    a: new EnvironmentError('the subnet 2001:db8:1::/64 of network core is already used by Docker network x-core', { hint: 'aplus down --all' }),
    b: new InputError('no such profile'),
  });
  const report = await runSuite(four().slice(0, 2), { runner: fake.runner });
  t.like(report.outcomes[0], { kind: 'error', reason: 'environment', message: 'the subnet 2001:db8:1::/64 of network core is already used by Docker network x-core (aplus down --all)' });
  t.like(report.outcomes[1], { kind: 'error', reason: 'bad-input' });
});

test('each result is handed to onResult as its scenario ends; a failing hook is a warning, not a failure', async (t) => {
  const seen: string[] = [];
  const events: SuiteEvent[] = [];
  const report = await runSuite(four().slice(0, 3), {
    runner: delayRunner(() => 1, { c: new Error('crash') }).runner,
    emit: (e) => events.push(e),
    onResult: (r: ScenarioResult) => {
      seen.push(r.scenario);
      if (r.scenario === 'b') throw new Error('disk full');
    },
  });
  t.deepEqual(seen, ['a', 'b']);
  t.deepEqual(events.filter((e) => e.kind === 'suite-warning'), [{ kind: 'suite-warning', scenario: 'b', message: 'reporting the result failed: disk full' }]);
  t.is(suiteExitCode(report), 1); // c crashed, not b
});

test('off a terminal the suite prints one line as each scenario starts and one as it ends', async (t) => {
  let text = '';
  const fake = delayRunner(() => 1, { b: [verdicts.pass(0), verdicts.fail(1)] });
  await runSuite([...four().slice(0, 2), bad], { runner: fake.runner, emit: suiteSink({ write: (s: string) => (text += s) }, 'plain') });
  const lines = text.replace(/in \d+\.\d s/g, 'in T s').trimEnd().split('\n');
  t.deepEqual(lines, [
    'ERROR [3/3] zz-bad: scenarios/zz-bad.yaml:7 traffic[0].profile: no profile "web-myspace"',
    'start [1/3] a (fake/a.yaml)',
    'pass [1/3] a: 1/1 assertions in T s',
    'start [2/3] b (fake/b.yaml)',
    'FAIL [2/3] b: 1/2 assertions in T s; evidence in aplus-evidence/b-abc123',
  ]);
});
