// aplus simulate SPEC --html FILE: the command line, run in-process as from a
// shell. The page is written (its folder made) beside the table on stdout,
// and holds the charts' data of the very result printed; a path that cannot
// be written is a usage error, exit 2, before anything is simulated.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { SimulationResult } from '../../../sim/simulate';
import { simulationCharts } from '../../../sim/report/html/index';
import { cli, tempFile } from '../../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'aplus-simulate-html-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

const USAGE = ' (usage: aplus simulate SPEC [--json] [--html FILE] [--workers N])\n';
const chartsOf = (page: string) => JSON.parse(/<script type="application\/json" id="aplus-charts">([^]*?)<\/script>/.exec(page)![1]!) as Array<{ id: string; config: { data: { datasets: Array<{ label: string; data: Array<{ x: number; y: number }> }> } } }>;

test('simulations/web.yaml --html DIR/x.html: the table is printed, and the page written with both charts\' data', async (t) => {
  t.timeout(60_000);
  const page = join(dir, 'web', 'x.html');
  const r = await cli('simulate', 'simulations/web.yaml', '--html', page);
  t.is(r.code, 0, r.err);
  t.true(r.out.startsWith('simulations/web.yaml: web, 100,000 users, seed 1;'));
  // The printed P(exhaustion) per size, which the page's dots must be.
  const printed = [...r.out.matchAll(/^(\d+) +\d+ +([\d.]+)$/gm)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
  t.deepEqual(printed.map((p) => p.x), [10, 50, 100, 200, 400, 1000]);
  t.true(existsSync(page));
  const html = readFileSync(page, 'utf8');
  t.regex(html, /<h1>web<\/h1>/);
  const [cdf, exhaustion] = chartsOf(html);
  t.is(cdf!.id, 'chart-peaks-cdf');
  // The need per user: from the lightest Gmail user's 12 to the heaviest Twitter user's 109, all users at the end (docs/simulator.md).
  const need = cdf!.config.data.datasets.find((d) => d.label.startsWith('need'))!;
  const steps = need.data.filter((p) => p.y > 0);
  t.is(steps[0]!.x, 12);
  t.is(steps.find((p) => p.y === 1)!.x, 109);
  t.true(steps.every((p, i) => i === 0 || (p.x > steps[i - 1]!.x && p.y >= steps[i - 1]!.y)), 'a CDF: never falling');
  t.is(exhaustion!.id, 'chart-exhaustion');
  const [curve, sizes] = exhaustion!.config.data.datasets;
  t.is(sizes!.data.length, printed.length);
  sizes!.data.forEach((p, i) => {
    t.is(p.x, printed[i]!.x);
    t.true(Math.abs(p.y - printed[i]!.y) < 5e-4, `size ${p.x}: ${p.y} drawn, ${printed[i]!.y} printed`);
  });
  // The curve: 1 below the lightest need, 0 from the heaviest, never rising.
  t.deepEqual([curve!.data[0], curve!.data.at(-1)], [{ x: 1, y: 1 }, { x: 64512, y: 0 }]);
  t.true(curve!.data.every((p, i) => i === 0 || p.y <= curve!.data[i - 1]!.y));
  t.is(curve!.data.find((p) => p.x === 109)!.y, 0);
});

test('with --json, the page draws the very result printed', async (t) => {
  const spec = tempFile('s.yaml', 'name: s\nusers: 50\nmix:\n  - { profile: gmail, percent: 60 }\n  - { profile: skype, percent: 40 }\nsizes: [10, 20]\n');
  const page = join(dir, 'json', 's.html');
  const r = await cli('simulate', spec, '--json', '--html', page);
  t.is(r.code, 0, r.err);
  const result = JSON.parse(r.out) as SimulationResult;
  t.deepEqual(chartsOf(readFileSync(page, 'utf8')), simulationCharts(result).map((s) => ({ id: s.id, config: s.config })));
});

const refuses = test.macro({
  async exec(t, page: string, why: string) {
    const r = await cli('simulate', 'simulations/web.yaml', '--html', page);
    t.is(r.code, 2);
    t.is(r.err, `aplus: ${why}${USAGE}`);
    t.is(r.out, '');
  },
  title: (given = '') => `--html ${given} is refused, exit 2, before anything is simulated`,
});

test('a folder', refuses, dir, `--html ${dir} is a folder: give the file to write, e.g. --html ${dir}/report.html`);
test('a name without .html', refuses, join(dir, 'page.htm'), `--html ${dir}/page.htm: expected a file name ending in .html`);
const aFile = tempFile('not-a-folder', '');
test('a path under a file', refuses, join(aFile, 'sub', 'x.html'), `--html ${aFile}/sub/x.html: cannot write there: ${aFile} is a file, not a folder`);
