// The JUnit XML a CI reads: one testsuite per scenario, one testcase per
// assertion, failures that say what was expected and what was measured, and
// an error for a scenario that could not run. Parsed back and checked
// against the rules of the JUnit schema that CI tools rely on.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { EnvironmentError } from '../../../sim/model/errors';
import { runSuite, writeJunit, type BadEntry, type SuiteReport } from '../../../sim/suite/index';
import { delayRunner, fakeEntry, verdicts } from './helpers/fakes';

const bad: BadEntry = {
  kind: 'bad', file: 'scenarios/zz-bad.yaml', message: 'scenarios/zz-bad.yaml:7 traffic[0].profile: no profile "web-myspace"',
  key: 'traffic[0].profile', location: { file: 'scenarios/zz-bad.yaml', line: 7 },
};

async function mixed(): Promise<SuiteReport> {
  const entries = [
    fakeEntry('all-pass', ['10.1.0.0/24']),
    fakeEntry('some-fail', ['10.2.0.0/24']),
    fakeEntry('known-bug-fixed', ['10.3.0.0/24']),
    fakeEntry('no-docker-network', ['10.4.0.0/24']),
    bad,
  ];
  const fake = delayRunner(() => 1, {
    'all-pass': [verdicts.pass(0), verdicts.pass(1)],
    'some-fail': [verdicts.pass(0), verdicts.fail(1)],
    'known-bug-fixed': [verdicts.expectedFailurePassing(0)],
    'no-docker-network': new EnvironmentError('the subnet 10.4.0.0/24 of network core is already used by Docker network other-core'),
  });
  return runSuite(entries, { runner: fake.runner });
}

interface Node {
  [key: string]: unknown;
}
const asArray = new Set(['testsuite', 'testcase', 'property', 'failure', 'error', 'skipped']);
const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', cdataPropName: '#cdata', isArray: (name) => asArray.has(name) }).parse(xml) as {
    testsuites: Node & { testsuite: Array<Node & { testcase: Node[]; properties?: { property: Node[] } }> };
  };

async function written(): Promise<{ xml: string; doc: ReturnType<typeof parse> }> {
  const file = join(mkdtempSync(join(tmpdir(), 'aplus-junit-')), 'junit.xml');
  writeJunit(file, await mixed());
  const xml = readFileSync(file, 'utf8');
  return { xml, doc: parse(xml) };
}

const attrs = (n: Node) => Object.keys(n).filter((k) => k.startsWith('@')).map((k) => k.slice(1));
const children = (n: Node) => Object.keys(n).filter((k) => !k.startsWith('@') && !k.startsWith('#'));
const texts = (n: Node, k: string) => (n[k] as Node[] | undefined) ?? [];

test('the XML is well formed and follows the JUnit schema\'s structure', async (t) => {
  const { xml, doc } = await written();
  t.true(XMLValidator.validate(xml));
  t.deepEqual(Object.keys(doc).filter((k) => !k.startsWith('?')), ['testsuites']);
  t.deepEqual(children(doc.testsuites), ['testsuite']);
  for (const suite of doc.testsuites.testsuite) {
    for (const a of ['name', 'tests', 'failures', 'errors', 'time']) t.true(attrs(suite).includes(a), `testsuite ${String(suite['@name'])} has ${a}`);
    t.true(children(suite).every((c) => ['properties', 'testcase', 'system-out', 'system-err'].includes(c)));
    t.regex(String(suite['@time']), /^\d+(\.\d+)?$/);
    const cases = suite.testcase;
    t.is(Number(suite['@tests']), cases.length);
    t.is(Number(suite['@failures']), cases.filter((c) => c.failure).length);
    t.is(Number(suite['@errors']), cases.filter((c) => c.error).length);
    for (const c of cases) {
      for (const a of ['name', 'classname', 'time']) t.true(attrs(c).includes(a), `testcase ${String(c['@name'])} has ${a}`);
      t.true(children(c).every((k) => ['failure', 'error', 'skipped', 'system-out', 'system-err'].includes(k)));
      t.true(children(c).filter((k) => k === 'failure' || k === 'error').length <= 1);
      for (const f of [...texts(c, 'failure'), ...texts(c, 'error')]) t.truthy(f['@message']);
    }
  }
});

test('one testsuite per scenario with its counts; the totals add up', async (t) => {
  const { doc } = await written();
  const rows = doc.testsuites.testsuite.map((s) => [s['@name'], Number(s['@tests']), Number(s['@failures']), Number(s['@errors'])]);
  t.deepEqual(rows, [
    ['all-pass', 2, 0, 0],
    ['some-fail', 2, 1, 0],
    ['known-bug-fixed', 1, 1, 0],
    ['no-docker-network', 1, 0, 1],
    ['zz-bad', 1, 0, 1],
  ]);
  t.like(doc.testsuites, { '@name': 'aplus test', '@tests': '7', '@failures': '2', '@errors': '2' });
});

test('testcases are the assertions, classname the scenario, name the title (numbered where a title repeats)', async (t) => {
  const { doc } = await written();
  const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase.map((c) => `${String(c['@classname'])} / ${String(c['@name'])}`));
  t.deepEqual(cases, [
    'all-pass / ports smap=room1 class=total [0]',
    'all-pass / ports smap=room1 class=total [1]',
    'some-fail / ports smap=room1 class=total',
    'some-fail / delivery client=b',
    'known-bug-fixed / within-range smap=room1',
    'no-docker-network / runs',
    'zz-bad / loads',
  ]);
});

test('a failure carries what was expected and what was measured, in its message and its body', async (t) => {
  const { doc } = await written();
  const [failed] = texts(doc.testsuites.testsuite[1]!.testcase[1]!, 'failure');
  t.is(failed!['@message'], 'delivery client=b: failed: expected at least 99% delivered, got 97.5% (39 of 40; failed: timeout 1)');
  t.is(failed!['@type'], 'assertion');
  t.is(failed!['#cdata'], 'check: delivery\nexpected: at least 99% delivered\nactual: 97.5% (39 of 40; failed: timeout 1)\noutcome: fail\nevidence: aplus-evidence/some-fail-abc123');
});

test('a known bug that no longer fails is a failure that says to remove expect: fail', async (t) => {
  const { doc } = await written();
  const [failed] = texts(doc.testsuites.testsuite[2]!.testcase[0]!, 'failure');
  t.is(failed!['@type'], 'expected-failure-passed');
  t.regex(String(failed!['@message']), /expected to fail \(known: a known bug\) but passed: expected no mapped port outside the range, got none in 1 samples; the bug looks fixed, remove expect: fail/);
  t.regex(String(failed!['#cdata']), /^check: within-range\nexpected: no mapped port outside the range\nactual: none in 1 samples\noutcome: pass \(marked expect: fail/);
});

test('a scenario that could not run, or not load, is one testcase with an error naming the cause', async (t) => {
  const { doc } = await written();
  const [env] = texts(doc.testsuites.testsuite[3]!.testcase[0]!, 'error');
  t.like(env, { '@message': 'the subnet 10.4.0.0/24 of network core is already used by Docker network other-core', '@type': 'environment' });
  const [input] = texts(doc.testsuites.testsuite[4]!.testcase[0]!, 'error');
  t.like(input, { '@message': 'scenarios/zz-bad.yaml:7 traffic[0].profile: no profile "web-myspace"', '@type': 'bad-input' });
  t.regex(String(input!['#cdata']), /^bad-input in scenarios\/zz-bad\.yaml:7 at traffic\[0\]\.profile\n/);
});

test('each testsuite has the run id, file, traffic and overhead seconds as properties', async (t) => {
  const { doc } = await written();
  const props = Object.fromEntries(doc.testsuites.testsuite[1]!.properties!.property.map((p) => [p['@name'], p['@value']]));
  t.deepEqual(props, { file: 'fake/some-fail.yaml', run: 'some-fail-abc123', trafficSeconds: '12.5', overheadSeconds: '3.3', evidence: 'aplus-evidence/some-fail-abc123' });
  const badProps = Object.fromEntries(doc.testsuites.testsuite[4]!.properties!.property.map((p) => [p['@name'], p['@value']]));
  t.deepEqual(badProps, { file: 'scenarios/zz-bad.yaml', reason: 'bad-input' });
});

test('scenarios skipped by --bail are skipped testcases', async (t) => {
  const report = await runSuite([fakeEntry('first', ['10.1.0.0/24']), fakeEntry('second', ['10.2.0.0/24'])], {
    runner: delayRunner(() => 1, { first: [verdicts.fail()] }).runner, bail: true,
  });
  const file = join(mkdtempSync(join(tmpdir(), 'aplus-junit-')), 'junit.xml');
  writeJunit(file, report);
  const doc = parse(readFileSync(file, 'utf8'));
  t.like(doc.testsuites.testsuite[1], { '@name': 'second', '@tests': '1', '@skipped': '1' });
  t.is(texts(doc.testsuites.testsuite[1]!.testcase[0]!, 'skipped').length, 1);
});
