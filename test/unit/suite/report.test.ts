// What a suite prints at the end and writes with --json: a table a person
// reads in a CI log, then what failed and why; every result in full.
import test from 'ava';
import { EnvironmentError } from '../../../sim/model/errors';
import { renderSummary, runSuite, suiteJson, type BadEntry } from '../../../sim/suite/index';
import { delayRunner, fakeEntry, verdicts } from './helpers/fakes';

const bad: BadEntry = { kind: 'bad', file: 'scenarios/zz-bad.yaml', message: 'scenarios/zz-bad.yaml:7 traffic[0].profile: no profile "web-myspace"', location: { file: 'scenarios/zz-bad.yaml', line: 7 }, key: 'traffic[0].profile' };

async function mixed(bail = false) {
  const entries = [fakeEntry('range-10', ['10.1.0.0/24']), fakeEntry('mtu-paper', ['10.2.0.0/24']), fakeEntry('campus', ['10.3.0.0/24']), fakeEntry('last', ['10.4.0.0/24']), bad];
  const fake = delayRunner(() => 1, {
    'mtu-paper': [verdicts.pass(0), verdicts.fail(1), verdicts.expectedFailurePassing(2)],
    campus: new EnvironmentError('image aplus/smap:1 is missing or out of date', { hint: 'build the images: aplus images build' }),
  });
  return runSuite(bail ? entries.slice(0, 4) : entries, { runner: fake.runner, bail });
}

const table = (text: string) => text.replace(/ +\d+\.\d\n/g, ' W\n').replace(/in \d+\.\d s/, 'in W s');

test('the summary is a table of scenario, verdict, assertions, traffic, overhead and wall seconds, then the failures', async (t) => {
  t.is(table(renderSummary(await mixed())), [
    'scenario   verdict  assertions  traffic s  overhead s  wall s',
    'range-10   pass            1/1       12.5         3.3 W',
    'mtu-paper  FAIL            1/3       12.5         3.3 W',
    'campus     ERROR             -          -           - W',
    'last       pass            1/1       12.5         3.3 W',
    'zz-bad     ERROR             -          -           - W',
    '5 scenarios: 2 passed, 1 failed, 2 errors, 0 skipped in W s',
    '',
    'failed assertions:',
    '  mtu-paper: delivery client=b: failed: expected at least 99% delivered, got 97.5% (39 of 40; failed: timeout 1)',
    '  mtu-paper: within-range smap=room1: expected to fail (known: a known bug) but passed: expected no mapped port outside the range, got none in 1 samples; the bug looks fixed, remove expect: fail',
    '  mtu-paper: evidence in aplus-evidence/mtu-paper-abc123',
    '',
    'errors:',
    '  campus (environment): image aplus/smap:1 is missing or out of date (build the images: aplus images build)',
    '  zz-bad (bad-input): scenarios/zz-bad.yaml:7 traffic[0].profile: no profile "web-myspace"',
    '',
  ].join('\n'));
});

test('scenarios not run after --bail are in the table as skipped', async (t) => {
  const lines = renderSummary(await mixed(true)).split('\n');
  t.regex(lines[3]!, /^campus +skipped +- +- +- +-$/);
  t.regex(lines[5]!, /^4 scenarios: 1 passed, 1 failed, 0 errors, 2 skipped in \d+\.\d s$/);
});

test('--json holds every result in full with its wall time, the errors with file and line, and the exit code', async (t) => {
  const json = suiteJson(await mixed());
  t.is(json.exitCode, 1);
  t.deepEqual(json.results.map((r) => [r.scenario, r.pass, r.verdicts.length, r.runId, typeof r.wallSeconds]), [
    ['range-10', true, 1, 'range-10-abc123', 'number'],
    ['mtu-paper', false, 3, 'mtu-paper-abc123', 'number'],
    ['last', true, 1, 'last-abc123', 'number'],
  ]);
  t.is(json.results[1]!.measured.flows.length, 40);
  t.deepEqual(json.errors, [
    { file: 'fake/campus.yaml', scenario: 'campus', reason: 'environment', message: 'image aplus/smap:1 is missing or out of date (build the images: aplus images build)' },
    { file: 'scenarios/zz-bad.yaml', scenario: 'zz-bad', reason: 'bad-input', message: 'scenarios/zz-bad.yaml:7 traffic[0].profile: no profile "web-myspace"', line: 7, key: 'traffic[0].profile' },
  ]);
  t.deepEqual(json.skipped, []);
  t.deepEqual(JSON.parse(JSON.stringify(json)).errors, json.errors, 'plain JSON, nothing lost in writing it');
});
