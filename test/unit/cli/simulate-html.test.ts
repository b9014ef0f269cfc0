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
  t.regex(r.out, /\nports per user +users per address +P\(exhaustion\)\n10 +6451 +1\n50 +1290 +0\.7000\n/);
  t.true(existsSync(page));
  const html = readFileSync(page, 'utf8');
  t.regex(html, /<h1>web<\/h1>/);
  const [cdf, exhaustion] = chartsOf(html);
  t.is(cdf!.id, 'chart-peaks-cdf');
  // The need per user: Gmail 12 (15%), Google Maps 36 (15%), Facebook 90 (40%), Twitter 109 (30%) (docs/simulator.md).
  const need = cdf!.config.data.datasets.find((d) => d.label.startsWith('need'))!;
  t.deepEqual(need.data.slice(1, 5).map((p) => p.x), [12, 36, 90, 109]);
  t.true(need.data.slice(1, 5).every((p, i) => Math.abs(p.y - [0.15, 0.3, 0.7, 1][i]!) < 1e-12));
  t.is(exhaustion!.id, 'chart-exhaustion');
  const [curve, sizes] = exhaustion!.config.data.datasets;
  t.deepEqual(sizes!.data, [{ x: 10, y: 1 }, { x: 50, y: 0.7 }, { x: 100, y: 0.3 }, { x: 200, y: 0 }, { x: 400, y: 0 }, { x: 1000, y: 0 }]);
  t.deepEqual(curve!.data.map((p) => p.x), [1, 10, 12, 36, 50, 90, 100, 109, 200, 400, 1000, 64512]);
  t.true(curve!.data.every((p, i) => Math.abs(p.y - [1, 1, 0.85, 0.7, 0.7, 0.3, 0.3, 0, 0, 0, 0, 0][i]!) < 1e-12));
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
