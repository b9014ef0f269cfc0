// An interrupted suite in its reports: the scenario stopped part-way has no
// verdict anywhere (no testcase for an assertion never evaluated), those done
// before Ctrl-C keep theirs, those never started are skipped, and the JSON
// and JUnit say interrupted, by which signal, where and in which run; the
// HTML index's headline is neither PASS nor FAIL.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { XMLParser } from 'fast-xml-parser';
import { htmlIndex, renderSummary, runSuite, suiteExitCode, suiteJson, writeJunit, type SuiteReport } from '../../../sim/suite/index';
import { fakeEntry, gatedRunner, settle, verdicts } from './helpers/fakes';

/** done passes its two assertions, Ctrl-C (SIGTERM here) comes while stopped runs, never is not reached. */
async function interruptedSuite(): Promise<SuiteReport> {
  const fake = gatedRunner({ done: [verdicts.pass(0), verdicts.pass(1)] });
  const controller = new AbortController();
  const report = runSuite([fakeEntry('done', ['10.1.0.0/24']), fakeEntry('stopped', ['10.2.0.0/24']), fakeEntry('never', ['10.3.0.0/24'])], {
    runner: fake.runner, signal: controller.signal,
  });
  await settle();
  fake.release('done');
  await settle();
  controller.abort('SIGTERM');
  return report;
}

test('the suite is interrupted by its signal, exits 130, and the stopped scenario is neither a pass nor a failure', async (t) => {
  const report = await interruptedSuite();
  t.like(report, { interrupted: true, signal: 'SIGTERM' });
  t.is(suiteExitCode(report), 130);
  t.deepEqual(report.outcomes.map((o) => o.kind), ['result', 'interrupted', 'skipped']);
  t.like(report.outcomes[1], { kind: 'interrupted', name: 'stopped', signal: 'SIGTERM', phase: 'traffic', runId: 'stopped-abc123' });
});

test('--json says interrupted with the signal, and gives the stopped scenario no result, only where it stopped', async (t) => {
  const json = JSON.parse(JSON.stringify(suiteJson(await interruptedSuite()))) as Record<string, unknown>;
  t.like(json, { exitCode: 130, interrupted: true, signal: 'SIGTERM' });
  t.deepEqual((json.results as Array<{ scenario: string; pass: boolean }>).map((r) => [r.scenario, r.pass]), [['done', true]]);
  t.deepEqual(json.errors, []);
  t.like(json.interruptedScenarios, [{ file: 'fake/stopped.yaml', scenario: 'stopped', signal: 'SIGTERM', phase: 'traffic', runId: 'stopped-abc123' }]);
  t.deepEqual(json.skipped, [{ file: 'fake/never.yaml', scenario: 'never', because: 'interrupted' }]);
});

test('a suite that was not interrupted says so in its JSON, with no signal', async (t) => {
  const fake = gatedRunner();
  const report = runSuite([fakeEntry('only', ['10.1.0.0/24'])], { runner: fake.runner, signal: new AbortController().signal });
  await settle();
  fake.release('only');
  const json = suiteJson(await report);
  t.is(json.interrupted, false);
  t.false('signal' in json);
  t.deepEqual(json.interruptedScenarios, []);
});

test('JUnit: the stopped scenario is one testcase with an error "interrupted", never a passing assertion', async (t) => {
  const file = join(mkdtempSync(join(tmpdir(), 'aplus-junit-')), 'junit.xml');
  writeJunit(file, await interruptedSuite());
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['testsuite', 'testcase', 'property', 'error'].includes(n) })
    .parse(readFileSync(file, 'utf8')) as { testsuites: { testsuite: Array<Record<string, unknown> & { testcase: Array<Record<string, unknown>>; properties: { property: Array<Record<string, string>> } }> } };
  const [done, stopped, never] = doc.testsuites.testsuite;
  t.like(done, { '@name': 'done', '@tests': '2', '@failures': '0', '@errors': '0' });
  t.like(stopped, { '@name': 'stopped', '@tests': '1', '@failures': '0', '@errors': '1' });
  t.is(stopped!.testcase.length, 1);
  t.like(stopped!.testcase[0], { '@name': 'runs', error: [{ '@message': 'interrupted', '@type': 'interrupted' }] });
  t.regex(String((stopped!.testcase[0]!.error as Array<Record<string, string>>)[0]!['#text']), /^by SIGTERM during traffic of run stopped-abc123; what the run made was removed, no assertion was evaluated$/);
  t.deepEqual(Object.fromEntries(stopped!.properties.property.map((p) => [p['@name'], p['@value']])), {
    file: 'fake/stopped.yaml', interrupted: 'SIGTERM', phase: 'traffic', run: 'stopped-abc123',
  });
  t.like(never, { '@name': 'never', '@tests': '1', '@skipped': '1' });
});

test('the summary gives the stopped scenario no verdict and says the suite has none', async (t) => {
  const text = renderSummary(await interruptedSuite());
  t.regex(text, /^done +pass +2\/2 /m);
  t.regex(text, /^stopped +interrupted +- +- +- +\d+\.\d$/m);
  t.regex(text, /^3 scenarios: 1 passed, 0 failed, 0 errors, 1 interrupted, 1 skipped in \d+\.\d s \(interrupted by SIGTERM: the suite has no verdict\)$/m);
  t.notRegex(text, /^stopped +(pass|FAIL)/m);
});

test('the HTML index says INTERRUPTED, not PASS or FAIL, and where the stopped scenario stopped', async (t) => {
  const page = htmlIndex(await interruptedSuite(), 'out/suite.html');
  t.regex(page, /<title>aplus test: INTERRUPTED<\/title>/);
  t.regex(page, /<span class="badge fail">INTERRUPTED<\/span>/);
  t.regex(page, /<span class="result ">interrupted<\/span>.*interrupted by SIGTERM during traffic of run stopped-abc123/s);
  t.notRegex(page, />(PASS|FAIL)</);
});
