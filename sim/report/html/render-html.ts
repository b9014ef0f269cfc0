// One self-contained HTML file for a run: the report data as text and
// tables, and charts drawn in the page by Chart.js (inlined from
// node_modules: the report opens offline, from a CI artifact). Every string
// from the run is escaped; the data goes in as JSON that cannot close its
// script element. Readable on a phone (one column, charts resize) and in
// print (light, charts not split across pages).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ProbeRecord } from '../../assert/measured-data';
import type { ReportData } from './report-data';

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe inside <script>: no "</script>", no "<!--". */
const jsonForScript = (x: unknown) => JSON.stringify(x).replace(/</g, '\\u003c');

let chartJs: string | undefined;
function chartLibrary(): string {
  // The package exports no path to its UMD build: it sits next to the main entry (dist/).
  chartJs ??= readFileSync(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  return chartJs;
}

const table = (head: readonly string[], rows: ReadonlyArray<readonly unknown[]>, cls = '') =>
  `<div class="scroll"><table class="${cls}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
  rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('') + '</tbody></table></div>';

function probeText(p: ProbeRecord): string {
  if (p.kind === 'pmtu') return p.ok ? `path MTU ${p.pathMtu} by echoes` : `no path MTU (${p.reason ?? ''})`;
  if (p.kind === 'udp-df') return `${p.received ?? 0} of ${p.sent ?? 0} echoed at ${p.size ?? '?'} bytes${p.adapts ? ', adapts' : ', ignores ICMP'}`;
  return `${p.ok ? 'completed' : `failed: ${p.reason ?? ''}`}: ${p.bytes ?? 0} of ${p.bytesWanted ?? '?'} bytes ${p.direction ?? ''}, ${p.stalls ?? 0} stalls`;
}

const CSS = `
:root { --ok: #1a7f37; --bad: #cf222e; --muted: #57606a; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 12px; color: #1f2328; }
h1 { font-size: 1.4em; margin: .2em 0; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #d0d7de; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 6px; color: #fff; font-weight: 600; }
.pass { background: var(--ok); } .fail { background: var(--bad); }
.meta { color: var(--muted); overflow-wrap: anywhere; }
.scroll { overflow-x: auto; } table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
tr.failed td { background: #ffebe9; } tr.failed td:first-child { color: var(--bad); font-weight: 700; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 16px; }
figure { margin: 0; break-inside: avoid; page-break-inside: avoid; } figcaption { font-size: .9em; color: var(--muted); }
.chart { position: relative; height: 240px; }
@media (max-width: 600px) { body { font-size: 14px; padding: 8px; } .chart { height: 200px; } }
@media print { body { max-width: none; color: #000; } .verdict { border: 1px solid #000; color: #000; background: none !important; }
  h2 { break-after: avoid; } tr.failed td { background: none; } }
`;

/** Draws each chart from the embedded data; marks each drawn chart with its point count, and the body with the number drawn. */
const SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  let drawn = 0;
  const draw = (id, config, points) => {
    const holder = document.getElementById(id);
    if (!holder) return;
    new Chart(holder.querySelector('canvas'), config);
    holder.dataset.rendered = String(points);
    drawn++;
  };
  const colors = { dns: '#8250df', http: '#0969da', https: '#1a7f37', other: '#bf8700', range: '#cf222e' };
  data.ports.forEach((s, i) => {
    const line = (label, values, color, extra) => ({ label, data: values, borderColor: color, backgroundColor: color, pointRadius: 0, borderWidth: 2, ...extra });
    draw('ports-' + i, { type: 'line', data: { labels: s.at, datasets: [
      line('DNS', s.dns, colors.dns), line('HTTP', s.http, colors.http), line('HTTPS', s.https, colors.https), line('other', s.other, colors.other),
      line('range (' + s.rangeSize + ' ports)', s.at.map(() => s.rangeSize), colors.range, { borderDash: [6, 4] }),
    ] }, options: { scales: { x: { title: { display: true, text: 'seconds' } }, y: { beginAtZero: true, title: { display: true, text: 'ports in use' } } } } },
    s.at.length * 5);
  });
  if (data.byProfile.length > 0) {
    draw('delivery', { type: 'bar', data: { labels: data.byProfile.map((r) => r.key), datasets: [
      { label: 'delivered', data: data.byProfile.map((r) => r.ok), backgroundColor: colors.https },
      { label: 'failed', data: data.byProfile.map((r) => r.flows - r.ok), backgroundColor: colors.range },
    ] }, options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'flows' } } } } },
    data.byProfile.length * 2);
  }
  document.body.dataset.charts = String(drawn);
})();
`;

export function renderHtml(d: ReportData): string {
  const verdictRows = d.verdicts.map((v) =>
    `<tr class="${v.pass ? '' : 'failed'}"><td>${v.pass ? 'pass' : 'FAIL'}</td><td>${esc(v.title)}${v.knownBug ? ' <em>(known bug, expected to fail)</em>' : ''}</td><td>${esc(v.expected)}</td><td>${esc(v.actual)}</td></tr>`).join('');
  const sections: string[] = [];
  sections.push(`<h2>Assertions</h2><div class="scroll"><table><thead><tr><th></th><th>assertion</th><th>expected</th><th>actual</th></tr></thead><tbody>${verdictRows}</tbody></table></div>`);
  if (d.ports.length > 0) {
    sections.push(`<h2>Ports in use on the shared address</h2><div class="charts">` + d.ports.map((s, i) =>
      `<figure id="ports-${i}" class="ports"><div class="chart"><canvas role="img" aria-label="${esc(`ports in use by ${s.smap} over time`)}"></canvas></div>` +
      `<figcaption>${esc(s.smap)}: at most ${s.max} of its ${s.rangeSize} ports at once; ${s.outOfRange} mapped outside its range</figcaption></figure>`).join('') + '</div>');
  }
  if (d.byProfile.length > 0) {
    sections.push(`<h2>Delivery</h2><figure id="delivery"><div class="chart"><canvas role="img" aria-label="flows delivered per profile"></canvas></div></figure>` +
      table(['profile', 'flows', 'delivered', 'failed'], d.byProfile.map((r) => [r.key, r.flows, r.ok, r.failed || '-'])) +
      table(['client', 'flows', 'delivered', 'failed'], d.byClient.map((r) => [r.key, r.flows, r.ok, r.failed || '-'])));
  }
  if (d.counters.length > 0) {
    sections.push('<h2>Data plane counters</h2>' + table(['node', 'packets up', 'packets down', 'drops', 'NAT failures'],
      d.counters.map((c) => [c.node, c.upPackets, c.downPackets, c.drops || 'none', c.natFailures ?? '-'])));
  }
  if (d.probes.length > 0) {
    sections.push('<h2>MTU probes</h2>' + table(['probe', 'kind', 'client', 'result', 'ICMP announced'],
      d.probes.map((p) => [p.name, p.kind, p.client, probeText(p), (p.icmpMtus ?? []).join(', ') || 'nothing'])));
  }
  if (d.icmp.length > 0) {
    sections.push('<h2>ICMP sent</h2>' + table(['node', 'fragmentation needed', 'Packet Too Big'], d.icmp.map((c) => [c.node, c.fragNeeded, c.packetTooBig])));
  }
  if (d.events.length > 0) {
    sections.push('<h2>Changes during the run</h2>' + table(['at (s)', 'what', 'applied'], d.events.map((e) => [e.at, e.what, e.ok ? 'yes' : 'FAILED'])));
  }
  const chartData = { ports: d.ports, byProfile: d.byProfile };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(d.title)}: ${d.pass ? 'pass' : 'FAIL'}</title><style>${CSS}</style></head>
<body>
<h1>${esc(d.title)} <span class="verdict ${d.pass ? 'pass' : 'fail'}">${d.pass ? 'PASS' : 'FAIL'}</span></h1>
<p class="meta">${esc(d.file)} · run ${esc(d.runId)} · traffic ${d.trafficSeconds.toFixed(1)} s · overhead ${d.overheadSeconds.toFixed(1)} s` +
    `${d.evidence ? ` · evidence in ${esc(d.evidence)}` : ''}</p>
${sections.join('\n')}
<script type="application/json" id="report-data">${jsonForScript(chartData)}</script>
<script>${chartLibrary().replace(/<\/script/gi, '<\\/script')}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
