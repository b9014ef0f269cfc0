// Scheduling with --parallel: two scenarios whose subnets overlap are never
// up at once, disjoint ones are, and never more than N. Ctrl-C aborts the
// running ones and starts nothing more. The runner is a fake: no Docker.
import test from 'ava';
import { runSuite, suiteExitCode, verdictOf } from '../../../sim/suite/index';
import { delayRunner, fakeEntry, gatedRunner, settle } from './helpers/fakes';

test('by default scenarios run one after another, in file order', async (t) => {
  const entries = [fakeEntry('a', ['10.1.0.0/24']), fakeEntry('b', ['10.2.0.0/24']), fakeEntry('c', ['10.3.0.0/24'])];
  const fake = delayRunner((n) => ({ a: 30, b: 1, c: 10 })[n] ?? 1);
  const report = await runSuite(entries, { runner: fake.runner });
  t.deepEqual(fake.log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  t.deepEqual(report.outcomes.map((o) => [o.name, verdictOf(o)]), [['a', 'pass'], ['b', 'pass'], ['c', 'pass']]);
});

test('with --parallel, a scenario sharing a subnet with a running one waits; a disjoint one runs beside it', async (t) => {
  // b's /25 lies inside a's /24; c is elsewhere.
  const entries = [fakeEntry('a', ['10.1.0.0/24', '2001:db8:1::/64']), fakeEntry('b', ['10.1.0.128/25']), fakeEntry('c', ['10.2.0.0/24', '2001:db8:2::/64'])];
  const fake = gatedRunner();
  const done = runSuite(entries, { runner: fake.runner, parallel: 3 });
  await settle();
  t.deepEqual(fake.log, ['start a', 'start c'], 'b waits for a; c, later in the list, passes it');
  fake.release('a');
  await settle();
  t.deepEqual(fake.log, ['start a', 'start c', 'end a', 'start b'], 'b starts once a is down');
  t.deepEqual(fake.running(), ['c', 'b'], 'c and b are up together');
  fake.release('c');
  fake.release('b');
  const report = await done;
  t.deepEqual(report.outcomes.map((o) => o.name), ['a', 'b', 'c'], 'reports keep the file order');
  t.is(suiteExitCode(report), 0);
});

test('an IPv6 subnet overlapping another plan\'s keeps them apart too; families never overlap each other', async (t) => {
  // c's IPv4 prefix has the same leading bits as a's 2001:db8 (0x20 0x01 0x0d 0xb8), but another family.
  const entries = [fakeEntry('a', ['2001:db8::/48']), fakeEntry('b', ['2001:db8:0:7::/64']), fakeEntry('c', ['32.1.13.184/29'])];
  const fake = gatedRunner();
  const done = runSuite(entries, { runner: fake.runner, parallel: 3 });
  await settle();
  t.deepEqual(fake.log, ['start a', 'start c']);
  fake.release('a');
  fake.release('c');
  await settle();
  fake.release('b');
  await done;
  t.true(fake.log.indexOf('end a') < fake.log.indexOf('start b'));
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

test('over many runs of different lengths, no two overlapping scenarios are ever up together', async (t) => {
  // Twelve scenarios on four ranges: 10.0/16 holds 10.0.1/24, so s0, s4, s8 (10.0/16) clash with s3, s7, s11 (10.0.1/24).
  const ranges = ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.0.1.0/24'];
  const entries = Array.from({ length: 12 }, (_, i) => fakeEntry(`s${i}`, [ranges[i % 4]!]));
  const fake = delayRunner((n) => [13, 3, 7, 1, 11, 5, 2, 17, 4, 9, 6, 8][Number(n.slice(1))]!);
  await runSuite(entries, { runner: fake.runner, parallel: 4 });
  const up = new Set<string>();
  let most = 0;
  for (const line of fake.log) {
    const [what, name] = line.split(' ') as [string, string];
    if (what === 'end') {
      up.delete(name);
      continue;
    }
    const i = Number(name.slice(1));
    for (const other of up) {
      const j = Number(other.slice(1));
      const clash = i % 4 === j % 4 || (i % 4 === 0 && j % 4 === 3) || (i % 4 === 3 && j % 4 === 0);
      t.false(clash, `${name} started while ${other} was up`);
    }
    up.add(name);
    most = Math.max(most, up.size);
  }
  t.is(fake.log.filter((l) => l.startsWith('start')).length, 12);
  t.true(most >= 2 && most <= 4, `at most ${most} at once`);
});

test('Ctrl-C aborts the running scenarios, starts nothing more, and says so', async (t) => {
  const entries = [fakeEntry('a', ['10.1.0.0/24']), fakeEntry('b', ['10.1.0.0/24']), fakeEntry('c', ['10.2.0.0/24']), fakeEntry('d', ['10.3.0.0/24'])];
  const fake = gatedRunner();
  const controller = new AbortController();
  const done = runSuite(entries, { runner: fake.runner, parallel: 3, signal: controller.signal });
  await settle();
  t.deepEqual(fake.log, ['start a', 'start c', 'start d']);
  controller.abort('SIGINT');
  const report = await done;
  t.deepEqual(fake.log.slice(3).sort(), ['aborted a', 'aborted c', 'aborted d']);
  t.deepEqual(report.outcomes.map((o) => [o.name, o.kind === 'error' ? o.reason : o.kind === 'skipped' ? o.because : o.kind]), [
    ['a', 'interrupted'], ['b', 'interrupted'], ['c', 'interrupted'], ['d', 'interrupted'],
  ]);
  t.is(report.outcomes[1]!.kind, 'skipped');
  t.true(report.interrupted);
  t.is(suiteExitCode(report), 130);
});
