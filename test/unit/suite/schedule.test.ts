// Scheduling with --parallel: up to N scenarios at once, in file order,
// whatever their subnets (each run has its own fabric). Ctrl-C aborts the
// running ones and starts nothing more. The runner is a fake: no Docker.
import test from 'ava';
import { runSuite, suiteExitCode, verdictOf } from '../../../sim/suite/index';
import { delayRunner, fakeEntry, gatedRunner, settle } from './helpers/fakes';
import { loadScenario } from '../../../sim/plan/index';
import { isHeavy } from '../../../sim/suite/scenario-load';

test('by default scenarios run one after another, in file order', async (t) => {
  const entries = [fakeEntry('a', ['10.1.0.0/24']), fakeEntry('b', ['10.2.0.0/24']), fakeEntry('c', ['10.3.0.0/24'])];
  const fake = delayRunner((n) => ({ a: 30, b: 1, c: 10 })[n] ?? 1);
  const report = await runSuite(entries, { runner: fake.runner });
  t.deepEqual(fake.log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  t.deepEqual(report.outcomes.map((o) => [o.name, verdictOf(o)]), [['a', 'pass'], ['b', 'pass'], ['c', 'pass']]);
});

test('with --parallel, scenarios with the same subnets run side by side', async (t) => {
  const entries = [fakeEntry('a', ['10.1.0.0/24', '2001:db8:1::/64']), fakeEntry('b', ['10.1.0.0/24', '2001:db8:1::/64']), fakeEntry('c', ['10.1.0.128/25'])];
  const fake = gatedRunner();
  const done = runSuite(entries, { runner: fake.runner, parallel: 3 });
  await settle();
  t.deepEqual(fake.running(), ['a', 'b', 'c']);
  for (const n of ['c', 'a', 'b']) fake.release(n);
  const report = await done;
  t.deepEqual(report.outcomes.map((o) => o.name), ['a', 'b', 'c'], 'reports keep the file order');
  t.is(suiteExitCode(report), 0);
});

test('never more than --parallel scenarios are up at once', async (t) => {
  const entries = ['a', 'b', 'c', 'd', 'e'].map((n, i) => fakeEntry(n, [`10.${i}.0.0/16`]));
  const fake = gatedRunner();
  const done = runSuite(entries, { runner: fake.runner, parallel: 2 });
  await settle();
  t.deepEqual(fake.running(), ['a', 'b']);
  fake.release('b');
  await settle();
  t.deepEqual(fake.running(), ['a', 'c']);
  for (const n of ['a', 'c']) fake.release(n);
  await settle();
  t.deepEqual(fake.running(), ['d', 'e']);
  for (const n of ['d', 'e']) fake.release(n);
  t.is((await done).outcomes.length, 5);
});

test('Ctrl-C aborts the running scenarios, starts nothing more, and says so', async (t) => {
  const entries = [fakeEntry('a', ['10.1.0.0/24']), fakeEntry('c', ['10.1.0.0/24']), fakeEntry('d', ['10.3.0.0/24']), fakeEntry('b', ['10.2.0.0/24'])];
  const fake = gatedRunner();
  const controller = new AbortController();
  const done = runSuite(entries, { runner: fake.runner, parallel: 3, signal: controller.signal });
  await settle();
  t.deepEqual(fake.log, ['start a', 'start c', 'start d']);
  controller.abort('SIGINT');
  const report = await done;
  t.deepEqual(fake.log.slice(3).sort(), ['aborted a', 'aborted c', 'aborted d']);
  t.deepEqual(report.outcomes.map((o) => [o.name, o.kind === 'error' ? o.reason : o.kind === 'skipped' ? o.because : o.kind]), [
    ['a', 'interrupted'], ['c', 'interrupted'], ['d', 'interrupted'], ['b', 'interrupted'],
  ]);
  t.is(report.outcomes[3]!.kind, 'skipped');
  t.true(report.interrupted);
  t.is(suiteExitCode(report), 130);
});

test('with --parallel, two heavy scenarios never run at once: light ones fill the other slot', async (t) => {
  const entries = ['big1', 'big2', 'a', 'b'].map((n, i) => fakeEntry(n, [`10.${i}.0.0/16`]));
  const fake = gatedRunner();
  const done = runSuite(entries, { runner: fake.runner, parallel: 2, heavy: (s) => s.name.startsWith('big') });
  await settle();
  t.deepEqual(fake.running(), ['big1', 'a'], 'big2 waits; a, after it in file order, starts');
  fake.release('a');
  await settle();
  t.deepEqual(fake.running(), ['big1', 'b']);
  fake.release('big1');
  await settle();
  t.deepEqual(fake.running(), ['b', 'big2']);
  for (const n of ['b', 'big2']) fake.release(n);
  t.deepEqual((await done).outcomes.map((o) => o.name), ['big1', 'big2', 'a', 'b'], 'reports keep the file order');
});

test('the shipped campus-100 and profiles-1000 are heavy, the MTU and range scenarios light', (t) => {
  const heavy = (f: string) => isHeavy(loadScenario(`scenarios/${f}.yaml`));
  t.true(heavy('campus-100'));
  t.true(heavy('profiles-1000'));
  for (const f of ['mtu-paper', 'seed-2010-sharing', 'range-200-professional', 'paper-drops']) t.false(heavy(f), f);
});
