// The simulation's page (aplus simulate --html): the CDF of the peaks per
// protocol and P(exhaustion) against the set size, as the data handed to
// Chart.js, and the page around them: the spec's header and the tables the
// terminal prints, escaped, self-contained.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { SimulationResult } from '../../../sim/simulate';
import { escapeHtml, renderSimulationPage, simulationCharts, writeSimulationPage } from '../../../sim/report/html/index';
import { simulationTables } from '../../../sim/report/simulation-tables';
import { EVIL } from './helpers/load-fixtures';

const summary = (max: number, cdf: Array<[number, number]>) => ({ quantiles: [max, max, max, max, max], max, cdf });

/** Ten users worked out by hand: six Facebook users (TCP 48, UDP 90) and four campus hosts (TCP 38, no UDP). */
const TEN_USERS: SimulationResult = {
  name: 'ten-users', users: 10, seed: 1, conntrack: { udp: 30, udpStream: 120, tcpTimeWait: 120 }, usablePorts: 64512,
  entries: [
    { profile: 'campus', share: 0.01, percent: 40, users: 4, tcp: { least: 38, most: 38 }, udp: { least: 0, most: 0 }, total: { least: 38, most: 38 } },
    { profile: 'web-facebook', share: 1, percent: 60, users: 6, tcp: { least: 48, most: 48 }, udp: { least: 90, most: 90 }, total: { least: 138, most: 138 } },
  ],
  peaks: {
    tcp: summary(48, [[38, 0.4], [48, 1]]),
    udp: summary(90, [[0, 0.4], [90, 1]]),
    total: summary(138, [[38, 0.4], [138, 1]]),
    need: summary(90, [[38, 0.4], [90, 1]]),
  },
  sizes: [{ size: 10, ratio: 6451, exhaustion: 1 }, { size: 50, ratio: 1290, exhaustion: 0.6 }, { size: 100, ratio: 645, exhaustion: 0 }],
  targets: [{ target: 0.99, size: 90, ratio: 716 }, { target: 0.999, size: 90, ratio: 716 }],
};

const [cdfChart, exhaustion] = simulationCharts(TEN_USERS);

test('the peaks\' CDF: a step curve per protocol, from 0 below the least peak to a tenth past the largest', (t) => {
  const config = cdfChart!.config;
  if (config.type !== 'line') return t.fail(`a ${config.type} chart`);
  t.is(cdfChart!.id, 'chart-peaks-cdf');
  t.deepEqual(config.data.datasets.map((d) => d.label), ['TCP', 'UDP', 'both at once', 'need (larger of TCP, UDP)']);
  // 138 ports at most: the axis ends at 152.
  const [tcp, udp, both, need] = config.data.datasets.map((d) => d.data);
  t.deepEqual(tcp, [{ x: 0, y: 0 }, { x: 38, y: 0.4 }, { x: 48, y: 1 }, { x: 152, y: 1 }]);
  // Four users had no UDP port: the curve starts at 0.4, with no point below it.
  t.deepEqual(udp, [{ x: 0, y: 0.4 }, { x: 90, y: 1 }, { x: 152, y: 1 }]);
  t.deepEqual(both, [{ x: 0, y: 0 }, { x: 38, y: 0.4 }, { x: 138, y: 1 }, { x: 152, y: 1 }]);
  t.deepEqual(need, [{ x: 0, y: 0 }, { x: 38, y: 0.4 }, { x: 90, y: 1 }, { x: 152, y: 1 }]);
  t.true(config.data.datasets.every((d) => d.stepped === 'before'));
  t.is(config.options?.scales?.x?.max, 152);
  t.is(cdfChart!.points, 4 + 3 + 4 + 4);
});

test('P(exhaustion): the curve from the need\'s CDF, 1 port to a whole address on a log axis, with the spec\'s sizes as dots', (t) => {
  const config = exhaustion!.config;
  if (config.type !== 'line') return t.fail(`a ${config.type} chart`);
  const [curve, sizes] = config.data.datasets;
  // Four users need 38, six need 90: every user runs out below 38, six in ten below 90, none from 90.
  t.deepEqual(curve!.data, [{ x: 1, y: 1 }, { x: 10, y: 1 }, { x: 38, y: 0.6 }, { x: 50, y: 0.6 }, { x: 90, y: 0 }, { x: 100, y: 0 }, { x: 64512, y: 0 }]);
  t.deepEqual(sizes!.data, [{ x: 10, y: 1 }, { x: 50, y: 0.6 }, { x: 100, y: 0 }]);
  // The dots are the table's answers, and they lie on the curve.
  t.true(sizes!.data.every((d) => curve!.data.some((c) => c.x === d.x && c.y === d.y)));
  t.is(sizes!.showLine, false);
  t.like(config.options?.scales?.x, { type: 'logarithmic', min: 1, max: 64512 });
  t.is(exhaustion!.points, 7 + 3);
});

test('the configurations are plain JSON: what the page embeds is what was built', (t) => {
  const specs = simulationCharts(TEN_USERS);
  t.deepEqual(JSON.parse(JSON.stringify(specs)), specs);
  const html = renderSimulationPage(TEN_USERS, 'simulations/ten.yaml');
  const data = JSON.parse(/<script type="application\/json" id="aplus-charts">([^]*?)<\/script>/.exec(html)![1]!);
  t.deepEqual(data, specs.map((s) => ({ id: s.id, config: s.config })));
});

test('the page: the spec\'s header, a figure per chart, and every table the terminal prints', (t) => {
  const html = renderSimulationPage(TEN_USERS, 'simulations/ten.yaml');
  t.regex(html, /<h1>ten-users<\/h1>/);
  t.regex(html, /<dt>spec<\/dt><dd>simulations\/ten\.yaml<\/dd><dt>users<\/dt><dd>10<\/dd><dt>seed<\/dt><dd>1<\/dd><dt>conntrack<\/dt><dd>UDP 30 s \(stream 120 s\), TCP TIME_WAIT 120 s<\/dd><dt>usable ports<\/dt><dd>64,512 per address \(1024-65535\)<\/dd>/);
  t.regex(html, /<p class="summary">99% of users are served by 90 ports of each protocol: 716 users per address<\/p>/);
  t.deepEqual([...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]), ['Mix', 'Peak ports per user', 'Exhaustion', 'Sizing']);
  t.deepEqual([...html.matchAll(/<figure id="([^"]+)" data-chart>/g)].map((m) => m[1]), ['chart-peaks-cdf', 'chart-exhaustion']);
  const tables = simulationTables(TEN_USERS);
  for (const table of [tables.mix, tables.peaks, tables.sizes, tables.targets]) {
    for (const row of table.rows) {
      const cells = row.map((c, i) => `<td data-label="${escapeHtml(table.head[i]!)}" class="${i === 0 ? '' : 'num'}">${escapeHtml(c)}</td>`).join('');
      t.true(html.includes(`<tr class="">${cells}</tr>`), row.join(' | '));
    }
  }
  t.true(html.includes('<td data-label="P(exhaustion)" class="num">0.6000</td>'));
});

test('self-contained and escaped: Chart.js inlined, no outside address, the spec\'s path escaped', (t) => {
  const html = renderSimulationPage(TEN_USERS, EVIL);
  t.false(html.includes(EVIL));
  t.true(html.includes(escapeHtml(EVIL)));
  t.regex(html, /Chart\.js v4/);
  t.notRegex(html, /\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
  t.notRegex(html, /<link\b|<img\b|<iframe\b|@import|\burl\(/i);
  t.is(html.match(/<script\b/gi)?.length, 3);
});

test('writeSimulationPage makes the folder it writes into', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aplus-simulate-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'pages', 'ten.html');
  writeSimulationPage(TEN_USERS, 'simulations/ten.yaml', file);
  t.is(readFileSync(file, 'utf8'), renderSimulationPage(TEN_USERS, 'simulations/ten.yaml'));
});
