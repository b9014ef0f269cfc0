// The HTML report from a real run's result (seed-2010-sharing on this
// machine, trimmed, plus MTU probe records): what it computes, and that it
// is self-contained and escapes what comes from user files.
import { readFileSync } from 'node:fs';
import test from 'ava';
import type { ScenarioResult } from '../../../sim/scenario/run-scenario';
import { renderHtmlReport, reportData } from '../../../sim/report/html/index';

const result = JSON.parse(readFileSync(new URL('fixtures/seed-2010-result.json', import.meta.url), 'utf8')) as ScenarioResult;

test('per SMAP, ports over time by class with the range; delivery per profile counted from the flows', (t) => {
  const d = reportData(result);
  t.deepEqual(d.ports.map((s) => [s.smap, s.rangeSize]), [['room1', 1001], ['room2', 1000]]);
  for (const s of d.ports) {
    const n = result.measured.ports.filter((p) => p.smap === s.smap).length;
    t.is(s.at.length, n);
    t.is(s.http.length, n);
    t.is(s.max, Math.max(...result.measured.ports.filter((p) => p.smap === s.smap).map((p) => p.total)));
  }
  for (const row of d.byProfile) {
    const flows = result.measured.flows.filter((f) => f.profile === row.key);
    t.deepEqual([row.flows, row.ok], [flows.length, flows.filter((f) => f.ok).length]);
  }
  t.is(d.counters[0]!.node, 'prr');
  t.deepEqual(d.probes.map((p) => p.name), ['pmtu-room1', 'upload-room1', 'call-of-duty']);
});

test('self-contained: the chart library inlined, no address outside the file', (t) => {
  const html = renderHtmlReport(result);
  t.regex(html, /Chart\.js v4/i);
  t.notRegex(html, /(src|href)\s*=\s*["']?(https?:)?\/\//i);
  t.regex(html, /<meta name="viewport"/);
  t.regex(html, /@media print/);
});

test('every verdict is there, and names from user files are escaped', (t) => {
  const evil = '<script>alert(1)</script>';
  const r: ScenarioResult = { ...result, scenario: evil, verdicts: result.verdicts.map((v, i) => (i === 0 ? { ...v, title: evil, pass: false } : v)) };
  const html = renderHtmlReport(r);
  t.false(html.includes(evil));
  t.true(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  for (const v of result.verdicts.slice(1)) t.true(html.includes(v.title.replace(/&/g, '&amp;').replace(/</g, '&lt;')), v.title);
  t.regex(html, /class="failed"/);
  // The embedded data cannot close its script element either.
  const data = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(html)![1]!;
  t.false(data.includes('</'));
});

test('sections without data are left out', (t) => {
  const bare: ScenarioResult = { ...result, measured: { flows: [], ports: [], counters: {} }, events: [] };
  const html = renderHtmlReport(bare);
  for (const h of ['Ports in use', 'Delivery', 'MTU probes', 'ICMP sent', 'Data plane counters']) t.false(html.includes(`<h2>${h}`), h);
  t.true(html.includes('<h2>Assertions'));
});
