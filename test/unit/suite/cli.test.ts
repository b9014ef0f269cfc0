// aplus test from the command line: help, usage errors, --list on the real
// scenarios/, and whole suites with a fake runner (no Docker) writing their
// reports. Without a Docker daemon the real command exits 3 before running.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { XMLParser } from 'fast-xml-parser';
import { makeContext } from '../../../sim/cli/context';
import { makeTestCommand } from '../../../sim/cli/cmd-test';
import type { SuiteJson } from '../../../sim/suite/index';
import { cli } from '../../helpers/cli';
import { gatedRunner, settle, verdicts } from './helpers/fakes';

// Before anything creates the Docker client: point it at a socket that does not exist.
process.env.DOCKER_HOST = 'unix:///nonexistent/aplus-test/docker.sock';

const usage = /\(usage: aplus test \[PATH\.\.\.\]/;

test('aplus test --help says what it does and exits 0', async (t) => {
  const r = await cli('test', '--help');
  t.is(r.code, 0);
  t.regex(r.out, /^usage: aplus test \[PATH\.\.\.\] \[--tag T\]\.\.\. \[--list\] \[--parallel N\] \[--bail\]/);
  for (const flag of ['--tag T', '--list', '--parallel N', '--bail', '--keep-going', '--junit FILE', '--json FILE']) t.true(r.out.includes(`  ${flag}`), flag);
});

test('aplus help lists the test command', async (t) => {
  t.regex((await cli('--help')).out, /^ {2}test \[PATH\.\.\.\] +run every scenario/m);
});

const usageErrors = test.macro({
  async exec(t, args: string[], message: RegExp) {
    const r = await cli('test', ...args);
    t.is(r.code, 2);
    t.regex(r.err, message);
    t.regex(r.err, usage);
    t.is(r.out, '');
  },
  title: (given = '') => `aplus test ${given} is a usage error, exit 2`,
});

test('with an unknown option', usageErrors, ['--frobnicate'], /^aplus: Unknown option '--frobnicate'/);
test('with --parallel 0', usageErrors, ['--parallel', '0', '--list'], /--parallel takes a whole number of 1 or more/);
test('with --bail and --keep-going', usageErrors, ['--bail', '--keep-going'], /--bail and --keep-going contradict each other/);
test('with a JUnit file in a folder that does not exist', usageErrors, ['--junit', 'no/such/dir/junit.xml'], /--junit no\/such\/dir\/junit\.xml: no folder no\/such\/dir/);
test('with a tag nothing carries', usageErrors, ['--list', '--tag', 'nope'], /no scenario file under scenarios tagged nope/);

test('aplus test on a path that does not exist is bad input, exit 2', async (t) => {
  const r = await cli('test', '--list', 'no/such/scenarios');
  t.is(r.code, 2);
  t.is(r.err, 'aplus: no/such/scenarios: no such file or folder\n');
});

test('aplus test --list --tag mtu --tag sharing lists what would run from scenarios/, and runs nothing', async (t) => {
  const r = await cli('test', '--list', '--tag', 'mtu', '--tag', 'sharing');
  t.is(r.code, 0);
  // What the folder holds today, read the same way: the listing must match it.
  const expected = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort()
    .map((f) => ({ f, tags: /^tags: \[(.*)\]$/m.exec(readFileSync(join('scenarios', f), 'utf8'))?.[1]?.split(', ') ?? [] }))
    .filter((x) => x.tags.includes('mtu') || x.tags.includes('sharing'));
  t.true(expected.length >= 7);
  t.deepEqual(r.out.trimEnd().split('\n').slice(0, -1).map((l) => l.split(/\s+/)[1]), expected.map((x) => `scenarios/${x.f}`));
  t.regex(r.out, new RegExp(`^${expected.length} scenario files$`, 'm'));
  t.regex(r.out, /^mtu-paper +scenarios\/mtu-paper\.yaml {2}\[mtu, paper(, regression)?\]$/m);
});

test('aplus test --list --parallel lists scenarios on the same topology like any others: runs never share networks', async (t) => {
  const r = await cli('test', '--list', '--parallel', '2', '--tag', 'fix');
  t.is(r.code, 0);
  t.true(r.out.trimEnd().split('\n').length >= 4);
  t.regex(r.out, /^mtu-fix-dhcp +scenarios\/mtu-fix-dhcp\.yaml {2}\[mtu, fix(, regression)?\]$/m);
  t.notRegex(r.out, /shares subnets/);
});

function folderWithBadFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aplus-cli-suite-'));
  writeFileSync(join(dir, 'bad.yaml'), 'name: bad\ntopology: ../no/such/topology.yaml\n');
  return dir;
}

test('aplus test --list shows a bad file as bad and exits 2, as aplus check would', async (t) => {
  const dir = folderWithBadFile();
  const r = await cli('test', '--list', dir, 'scenarios/range-10-web-facebook.yaml');
  t.is(r.code, 2);
  t.regex(r.out, /^bad +\S+bad\.yaml {2}BAD: /m);
  t.regex(r.out, /^2 scenario files, 1 bad$/m);
});

test('without a Docker daemon, aplus test exits 3 before running anything', async (t) => {
  const r = await cli('test', 'scenarios/range-10-web-facebook.yaml');
  t.is(r.code, 3);
  t.regex(r.err, /^aplus: no Docker daemon answers/);
});

/** The command with a fake runner, run as main would run it, on the real scenario files. */
async function fakeSuite(argv: string[], runner = gatedRunner(), controller = new AbortController()) {
  let out = '', err = '';
  const ctx = makeContext({ out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } }, false, controller.signal);
  const command = makeTestCommand({ runner: runner.runner, preflight: async () => {}, hostPrefixes: () => [] });
  const code = command(argv, ctx);
  return { code, runner, out: () => out, err: () => err, controller };
}

/** Releases every run as soon as it starts. */
async function releaseAll(s: Awaited<ReturnType<typeof fakeSuite>>): Promise<number> {
  let done = false;
  void s.code.finally(() => (done = true));
  const released = new Set<string>();
  while (!done) {
    await settle();
    for (const n of s.runner.running()) if (!released.has(n)) released.add(n), s.runner.release(n);
  }
  return s.code;
}

test('a whole suite with a failing scenario and a bad file: plain progress, summary, JUnit and JSON, exit 1', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'aplus-cli-reports-'));
  const s = await fakeSuite(
    ['scenarios/range-10-web-facebook.yaml', 'scenarios/mtu-paper.yaml', folderWithBadFile(), '--junit', join(out, 'junit.xml'), '--json', join(out, 'suite.json')],
    gatedRunner({ 'mtu-paper': [verdicts.pass(0), verdicts.fail(1)] }),
  );
  t.is(await releaseAll(s), 1);
  const progress = s.err().split('\n').filter(Boolean).map((l) => l.replace(/ in \d+\.\d s/, ''));
  t.is(progress.length, 5, 'one line for the bad file, two for each scenario run');
  t.regex(progress[0]!, /^ERROR \[1\/3\] bad: \S+bad\.yaml: \S+no\/such\/topology\.yaml: no such file/);
  t.deepEqual(progress.slice(1), [
    'start [2/3] mtu-paper (scenarios/mtu-paper.yaml)',
    'FAIL [2/3] mtu-paper: 1/2 assertions; evidence in aplus-evidence/mtu-paper-abc123',
    'start [3/3] range-10-web-facebook (scenarios/range-10-web-facebook.yaml)',
    'pass [3/3] range-10-web-facebook: 1/1 assertions',
  ]);
  t.regex(s.out(), /^scenario +verdict +assertions +traffic s +overhead s +wall s$/m);
  t.regex(s.out(), /^3 scenarios: 1 passed, 1 failed, 1 error, 0 skipped in \d+\.\d s$/m);

  const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(readFileSync(join(out, 'junit.xml'), 'utf8')) as { testsuites: Record<string, string> };
  t.like(junit.testsuites, { '@tests': '4', '@failures': '1', '@errors': '1' });
  const json = JSON.parse(readFileSync(join(out, 'suite.json'), 'utf8')) as SuiteJson;
  t.deepEqual([json.exitCode, json.results.map((r) => r.scenario), json.errors.map((e) => e.scenario)], [1, ['mtu-paper', 'range-10-web-facebook'], ['bad']]);
});

test('a suite of passing scenarios exits 0', async (t) => {
  t.is(await releaseAll(await fakeSuite(['--tag', 'sharing'])), 0);
});

test('Ctrl-C during a suite aborts the running scenario, prints the summary so far with no verdict for it, and exits 130', async (t) => {
  const s = await fakeSuite(['--tag', 'fix']);
  await settle();
  s.runner.release('mtu-fix-dhcp');
  await settle();
  s.controller.abort('SIGINT');
  t.is(await s.code, 130);
  t.deepEqual(s.runner.log, ['start mtu-fix-dhcp', 'end mtu-fix-dhcp', 'start mtu-fix-mss', 'aborted mtu-fix-mss']);
  // The scenario done before Ctrl-C keeps its verdict; the interrupted one has none.
  t.regex(s.out(), /^mtu-fix-dhcp +pass +1\/1 /m);
  t.regex(s.out(), /^mtu-fix-mss +interrupted +- +- +- +\d+\.\d$/m);
  t.regex(s.out(), /^mtu-fix-pmtud +skipped/m);
  // The rest of the fixes (how many the folder holds) are skipped.
  const fixes = readdirSync('scenarios').filter((f) => f.startsWith('mtu-fix-')).length;
  t.regex(s.out(), new RegExp(`^${fixes} scenarios: 1 passed, 0 failed, 0 errors, 1 interrupted, ${fixes - 2} skipped in \\d+\\.\\d s \\(interrupted by SIGINT: the suite has no verdict\\)$`, 'm'));
  t.regex(s.out(), /^interrupted:\n {2}mtu-fix-mss: by SIGINT during traffic of run mtu-fix-mss-abc123; what the run made was removed, no assertion was evaluated$/m);
  t.regex(s.err(), /^interrupted \[2\/\d\] mtu-fix-mss in \d+\.\d s: by SIGINT during traffic/m);
});
