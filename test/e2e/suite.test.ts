// aplus test as CI runs it: a passing and a deliberately failing scenario,
// exit 1, JUnit that a CI system can read, and the failure's evidence kept.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import test from 'ava';
import { XMLParser } from 'fast-xml-parser';
import { cli } from '../helpers/cli';

test.serial('a failing scenario makes aplus test exit 1, says so in JUnit, and leaves its evidence', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aplus-suite-'));
  const topology = resolve('topologies/seed-2010.yaml');
  writeFileSync(join(dir, 'a-sharing.yaml'), `name: e2e-pass
tags: [e2e]
topology: ${topology}
assertions:
  - { check: drops, node: prr, reason: spoofed-port, equals: 0 }
`);
  writeFileSync(join(dir, 'b-failing.yaml'), `name: e2e-fail
tags: [e2e]
topology: ${topology}
assertions:
  - { check: drops, node: prr, reason: no-owner, atLeast: 1, name: deliberately failing }
`);
  const junit = join(dir, 'junit.xml');
  const evidence = join(dir, 'evidence');
  const r = await cli('test', dir, '--junit', junit, '--evidence', evidence);
  t.is(r.code, 1, r.out + r.err);
  t.regex(r.out, /e2e-fail/);

  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(junit, 'utf8')) as {
    testsuites: { testsuite: Array<{ name: string; tests: string; failures: string; testcase: { name: string; failure?: { message: string } } }> };
  };
  const suites = doc.testsuites.testsuite;
  t.deepEqual(suites.map((s) => [s.name, s.tests, s.failures]), [['e2e-pass', '1', '0'], ['e2e-fail', '1', '1']]);
  t.regex(suites[1]!.testcase.failure!.message, /at least 1.*got 0|expected at least 1/);

  const kept = readdirSync(evidence);
  t.is(kept.length, 1);
  const files = readdirSync(join(evidence, kept[0]!));
  for (const f of ['README.txt', 'result.json', 'prr.tar.gz', 'prr.log', 'room1.tar.gz']) t.true(files.includes(f), `${f} in ${files.join(', ')}`);
  t.regex(readFileSync(join(evidence, kept[0]!, 'README.txt'), 'utf8'), /aplus run .*b-failing\.yaml --keep/);
  t.false(existsSync(join(evidence, 'e2e-pass')), 'a passing run keeps nothing');
});
