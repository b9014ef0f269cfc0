// --html FILE means one thing in run and test: the HTML file to write. run
// writes its report there; test an index linking each run's report, written
// in a folder beside it. A folder or a name without .html is a usage error.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { makeContext } from '../../../sim/cli/context';
import { makeTestCommand } from '../../../sim/cli/cmd-test';
import { cli } from '../../helpers/cli';
import { delayRunner, verdicts } from './helpers/fakes';

process.env.DOCKER_HOST = 'unix:///nonexistent/aplus-test/docker.sock';

const runUsage = ' (usage: aplus run SCENARIO [--json FILE] [--html FILE] [--keep] [--tables] [--evidence DIR])\n';
const testUsage = ' (usage: aplus test [PATH...] [--tag T]... [--list] [--parallel N] [--bail] [--junit FILE] [--json FILE] [--html FILE] [--evidence DIR])\n';

const refuses = test.macro({
  async exec(t, argv: string[], expected: string) {
    const r = await cli(...argv);
    t.is(r.code, 2);
    t.is(r.err, expected);
    t.is(r.out, '');
  },
  title: (given = '') => `--html ${given} is a usage error, exit 2, before anything runs`,
});

const dir = mkdtempSync(join(tmpdir(), 'aplus-html-'));
test('a folder, for run', refuses, ['run', 'scenarios/range-10-web-facebook.yaml', '--html', dir], `aplus: --html ${dir} is a folder: give the file to write, e.g. --html ${dir}/report.html${runUsage}`);
test('a folder, for test', refuses, ['test', '--html', dir], `aplus: --html ${dir} is a folder: give the file to write, e.g. --html ${dir}/report.html${testUsage}`);
test('a name without .html, for run', refuses, ['run', 'scenarios/range-10-web-facebook.yaml', '--html', 'report'], `aplus: --html report: expected a file name ending in .html${runUsage}`);
test('a name without .html, for test', refuses, ['test', '--html', 'report.htm'], `aplus: --html report.htm: expected a file name ending in .html${testUsage}`);
const aFile = join(dir, 'a-file');
writeFileSync(aFile, '');
test('a path under a file, for run', refuses, ['run', 'scenarios/range-10-web-facebook.yaml', '--html', join(aFile, 'x.html')], `aplus: --html ${aFile}/x.html: cannot write there: ${aFile} is a file, not a folder${runUsage}`);

test('test --html FILE writes an index there, linking each run\'s report in the folder beside it; a bad file is a row without a link', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'aplus-html-suite-'));
  const bad = mkdtempSync(join(tmpdir(), 'aplus-html-bad-'));
  writeFileSync(join(bad, 'bad.yaml'), 'name: bad\ntopology: ../no/such/topology.yaml\n');
  const index = join(out, 'reports', 'suite.html');
  let stdout = '';
  const ctx = makeContext({ out: { write: (s: string) => (stdout += s) }, err: { write: () => true } }, false, new AbortController().signal);
  const { runner } = delayRunner(() => 1, { 'mtu-paper': [verdicts.pass(0), verdicts.fail(1)] });
  const code = await makeTestCommand({ runner, preflight: async () => {}, hostPrefixes: () => [] })(
    ['scenarios/range-10-web-facebook.yaml', 'scenarios/mtu-paper.yaml', bad, '--html', index], ctx);
  t.is(code, 1, stdout);
  const page = readFileSync(index, 'utf8');
  t.regex(page, /<title>aplus test: FAIL<\/title>/);
  t.regex(page, /<p class="summary fail">3 scenarios: 1 passed, 1 failed, 1 error, 0 skipped in \d+\.\d s<\/p>/);
  t.regex(page, /<a href="suite\/mtu-paper-mtu-paper-abc123\.html">mtu-paper<\/a>/);
  t.regex(page, /<a href="suite\/range-10-web-facebook-range-10-web-facebook-abc123\.html">range-10-web-facebook<\/a>/);
  t.regex(page, /<td data-label="scenario" class="">bad<\/td>.*ERROR.*bad-input: /);
  for (const p of ['mtu-paper-mtu-paper-abc123.html', 'range-10-web-facebook-range-10-web-facebook-abc123.html']) {
    t.true(existsSync(join(out, 'reports', 'suite', p)), p);
  }
  t.regex(readFileSync(join(out, 'reports', 'suite', 'mtu-paper-mtu-paper-abc123.html'), 'utf8'), /<title>mtu-paper: FAIL<\/title>/);
});
