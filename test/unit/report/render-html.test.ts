// The page: every verdict, failures standing out, known bugs marked; every
// string from the run escaped; nothing fetched from elsewhere; sections
// left out when the run measured nothing for them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ScenarioResult } from '../../../sim/scenario/run-scenario';
import { escapeHtml, renderHtmlReport, writeHtmlReport } from '../../../sim/report/html/index';
import { EVIL, range10, seed2010, withProbes } from './helpers/load-fixtures';

const sections = (html: string) => [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);

test('every verdict is a row: title, expected, actual and message, escaped', (t) => {
  for (const result of [range10, seed2010]) {
    const html = renderHtmlReport(result);
    for (const v of result.verdicts) {
      for (const text of [v.title, v.expected, v.actual, v.message]) t.true(html.includes(escapeHtml(text)), text);
    }
    t.is(html.match(/<tr class="(failed)?"><td data-label="result"/g)?.length, result.verdicts.length);
  }
});

test('a failure stands out; an expect: fail verdict says it stands for a known bug', (t) => {
  const known = renderHtmlReport(range10);
  t.is(known.match(/class="known"/g)?.length, 1);
  t.regex(known, /<p class="summary ">3 assertions: all hold; 1 known bug reproduced<\/p>/);
  t.regex(known, /<span class="badge pass">PASS<\/span>/);
  const failed: ScenarioResult = { ...seed2010, pass: false, verdicts: seed2010.verdicts.map((v, i) => (i === 3 ? { ...v, pass: false, outcome: 'fail' as const } : v)) };
  const html = renderHtmlReport(failed);
  t.regex(html, /<span class="badge fail">FAIL<\/span>/);
  t.regex(html, /<p class="summary fail">7 assertions: 1 failed<\/p>/);
  t.is(html.match(/<tr class="failed"><td data-label="result"[^>]*><span class="result fail">FAIL/g)?.length, 1);
});

test('names from user files are escaped wherever they appear', (t) => {
  const m = withProbes.measured;
  const evil: ScenarioResult = {
    ...withProbes, scenario: EVIL, file: EVIL, runId: EVIL, evidence: EVIL,
    verdicts: withProbes.verdicts.map((v) => ({ ...v, title: EVIL, expected: EVIL, actual: EVIL, message: EVIL })),
    events: [{ at: 1, what: EVIL, ok: false, error: EVIL }],
    measured: {
      ...m,
      flows: m.flows.map((f, i) => ({ ...f, client: i % 2 ? EVIL : f.client, profile: EVIL, ...(f.ok ? {} : { reason: EVIL }) })).concat([{ client: 'b', smap: 'room1', profile: EVIL, ok: false, reason: EVIL }]),
      ports: m.ports.map((p) => ({ ...p, smap: p.smap === 'room1' ? EVIL : p.smap })),
      // A drop reason no daemon writes (hence the cast): names in counters files are escaped too.
      counters: { ...m.counters, [EVIL]: { drops: { [EVIL]: 1 } } as never },
      natFailures: { [EVIL]: 2 },
      probes: m.probes!.map((p) => ({ ...p, name: EVIL, client: EVIL, smap: EVIL, reason: EVIL })),
      icmp: { [EVIL]: { fragNeeded: 1, packetTooBig: 2 } },
    },
  };
  const html = renderHtmlReport(evil);
  t.false(html.includes(EVIL));
  t.true(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  // The page's own three: the charts' data, Chart.js, and the script that draws.
  t.is(html.match(/<script\b/gi)?.length, 3);
  // The charts' data (labels hold names) cannot end its element either.
  const data = /<script type="application\/json" id="aplus-charts">([^]*?)<\/script>/.exec(html)![1]!;
  t.false(data.includes('<'));
  t.true(JSON.stringify(JSON.parse(data)).includes(EVIL));
});

test('self-contained: Chart.js inlined, no address outside the file, a viewport and a print style', (t) => {
  const html = renderHtmlReport(withProbes);
  t.regex(html, /Chart\.js v4/);
  t.notRegex(html, /\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
  t.notRegex(html, /<link\b|<img\b|<iframe\b|@import|\burl\(/i);
  t.regex(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  t.regex(html, /@media print/);
  t.true(html.length < 400_000, `${html.length} bytes`);
});

test('sections without data are left out; the assertions always stay', (t) => {
  t.deepEqual(sections(renderHtmlReport(withProbes)), ['Assertions', 'Ports in use per SMAP', 'Delivery', 'Data plane counters', 'MTU probes', 'ICMP seen']);
  t.deepEqual(sections(renderHtmlReport(range10)), ['Assertions', 'Ports in use per SMAP', 'Delivery', 'Data plane counters']);
  const bare = renderHtmlReport({ ...seed2010, verdicts: [], measured: { flows: [], ports: [], counters: {} } });
  t.deepEqual(sections(bare), ['Assertions']);
  t.regex(bare, /The scenario has no assertions/);
  // No chart: no chart library either.
  t.notRegex(bare, /Chart\.js v4/);
  const events = renderHtmlReport({ ...range10, events: [{ at: 3, what: 'link room1-gw mtu 1280', ok: true }] });
  t.deepEqual(sections(events).at(-1), 'Changes during the run');
});

test('the numbers are in the text too: ranges, peaks, delivery, counters, probes', (t) => {
  const html = renderHtmlReport(range10);
  t.regex(html, /<strong>room1<\/strong>: at most 20 ports at once, 10 of one protocol <span class="warn">\(range full\)<\/span>, of its 10; no port outside the range\./);
  t.regex(html, /<td data-label="profile" class="">web-facebook<\/td><td data-label="flows" class="num">138<\/td><td data-label="delivered" class="num">33<\/td><td data-label="%" class="num">23\.9%<\/td><td data-label="failed" class="num">105<\/td><td data-label="dns-timeout" class="num">79<\/td><td data-label="timeout" class="num">26<\/td>/);
  t.regex(html, /<td data-label="node" class="">prr<\/td><td data-label="up packets" class="num">871<\/td><td data-label="up bytes" class="num">65,995<\/td><td data-label="down packets" class="num">1,311<\/td><td data-label="down bytes" class="num">1,684,667<\/td><td data-label="drops by reason" class="">none<\/td><td data-label="NAT failures" class="num">-<\/td>/);
  t.regex(html, /<td data-label="NAT failures" class="num"><span class="warn">249<\/span><\/td>/);
  const probes = renderHtmlReport(withProbes);
  t.true(probes.includes('incomplete (stalled): 65536 of 1000000 bytes up, 1 stall (longest 9.9 s)'));
  t.regex(probes, /<td data-label="node" class="">lab-router<\/td><td[^>]*>0<\/td><td[^>]*>12<\/td>/);
});

test('writeHtmlReport makes the folder it writes into', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aplus-report-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'reports', 'range-10.html');
  writeHtmlReport(range10, file);
  t.is(readFileSync(file, 'utf8'), renderHtmlReport(range10));
});
