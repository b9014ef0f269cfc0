// The charts as Chart.js configurations, checked without a browser: a ports
// chart per SMAP with a line per class and the range flat above them, and
// delivery stacked by failure reason.
import test from 'ava';
import { chartSpecs, reportData } from '../../../sim/report/html/index';
import { range10, seed2010 } from './helpers/load-fixtures';

test('a chart per SMAP, one per profile, and one per client when there are several', (t) => {
  t.deepEqual(chartSpecs(reportData(seed2010)).map((s) => s.id), ['chart-ports-0', 'chart-ports-1', 'chart-delivery-profile', 'chart-delivery-client']);
  // range-10 has one client: the chart per client would say what the one per profile says.
  t.deepEqual(chartSpecs(reportData(range10)).map((s) => s.id), ['chart-ports-0', 'chart-delivery-profile']);
  t.deepEqual(chartSpecs(reportData({ ...seed2010, measured: { flows: [], ports: [], counters: {} } })), []);
});

test('ports over time: DNS, HTTP, HTTPS and other, and the range as a dashed flat line', (t) => {
  const [room1] = chartSpecs(reportData(range10));
  const config = room1!.config;
  if (config.type !== 'line') return t.fail(`a ${config.type} chart`);
  t.deepEqual(config.data.datasets.map((d) => d.label), ['DNS', 'HTTP', 'HTTPS', 'other', 'range (10 ports)']);
  const samples = range10.measured.ports;
  t.deepEqual(config.data.datasets[1]!.data, samples.map((p) => ({ x: Math.round(p.at * 10) / 10, y: p.http })));
  const range = config.data.datasets[4]!;
  t.true(range.data.every((p) => p.y === 10));
  t.deepEqual(range.borderDash, [6, 4]);
  t.is(room1!.points, 5 * samples.length);
  t.regex(room1!.label, /room1/);
});

test('delivery: delivered and each failure reason stacked, per profile', (t) => {
  const spec = chartSpecs(reportData(range10)).find((s) => s.id === 'chart-delivery-profile')!;
  if (spec.config.type !== 'bar') return t.fail(`a ${spec.config.type} chart`);
  t.deepEqual(spec.config.data.labels, ['web-facebook']);
  t.deepEqual(spec.config.data.datasets.map((d) => [d.label, d.data]), [['delivered', [33]], ['failed: dns-timeout', [79]], ['failed: timeout', [26]]]);
  t.is(spec.points, 3);
});

test('the configurations are plain JSON: what the page embeds is what was built', (t) => {
  const specs = chartSpecs(reportData(seed2010));
  t.deepEqual(JSON.parse(JSON.stringify(specs)), specs);
});
