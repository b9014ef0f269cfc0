// The sections of the page, from the report data. Each returns Html built
// with the escaping `html` template; a section without data returns nothing.
import type { DeliveryRow } from './delivery-rows';
import { html, type Html } from './html-escape';
import { figure, int, plural, table, type ChartLookup, type Row } from './page-parts';
import type { PredictionSeries } from './prediction-series';
import type { ReportData } from './report-data';

const seconds = (s: number): string => `${s.toFixed(1)} s`;
const percent = (ok: number, all: number): string => (all === 0 ? '-' : `${(Math.round((ok / all) * 1000) / 10).toFixed(1)}%`);

export function headerSection(d: ReportData): Html {
  const knownBugs = d.verdicts.filter((v) => v.knownBug && v.pass).length;
  const summary = d.verdicts.length === 0
    ? 'no assertions'
    : `${plural(d.verdicts.length, 'assertion')}: ${d.failedVerdicts === 0 ? 'all hold' : `${int(d.failedVerdicts)} failed`}${knownBugs > 0 ? `; ${plural(knownBugs, 'known bug')} reproduced` : ''}`;
  return html`<header>
<h1>${d.scenario} <span class="badge ${d.pass ? 'pass' : 'fail'}">${d.pass ? 'PASS' : 'FAIL'}</span></h1>
<dl class="meta"><dt>file</dt><dd>${d.file}</dd><dt>run</dt><dd>${d.runId}${d.kept ? ' (kept up)' : ''}</dd><dt>traffic</dt><dd>${seconds(d.trafficSeconds)}</dd><dt>overhead</dt><dd>${seconds(d.overheadSeconds)}</dd>${d.evidence ? html`<dt>evidence</dt><dd>${d.evidence}</dd>` : ''}</dl>
<p class="summary ${d.failedVerdicts > 0 ? 'fail' : ''}">${summary}</p>
</header>`;
}

export function verdictSection(d: ReportData): Html {
  const rows = d.verdicts.map((v): Row => ({
    failed: !v.pass,
    cells: [
      html`<span class="result ${v.pass ? 'pass' : 'fail'}">${v.pass ? 'pass' : 'FAIL'}</span>`,
      html`${v.title}${v.knownBug ? html`<span class="known" title="expect: fail">known bug</span>` : ''}`,
      v.expected, v.actual, html`<span class="message">${v.message}</span>`,
    ],
  }));
  return html`<section id="assertions"><h2>Assertions</h2>${d.verdicts.length === 0 ? html`<p class="note">The scenario has no assertions.</p>` : table(
    [{ label: 'result' }, { label: 'assertion' }, { label: 'expected' }, { label: 'actual' }, { label: 'message' }], rows, true)}</section>`;
}

export function portsSection(d: ReportData, chart: ChartLookup): Html {
  if (d.ports.length === 0) return html``;
  const figures = d.ports.map((s, i) => {
    const outside = s.outOfRange > 0
      ? html`<span class="warn">${plural(s.outOfRange, 'port')} outside the range, in ${plural(s.samplesOutOfRange, 'sample')}</span>`
      : 'no port outside the range';
    const full = s.maxBusiest >= s.rangeSize ? html` <span class="warn">(range full)</span>` : '';
    return figure(chart(`chart-ports-${i}`), html`<strong>${s.smap}</strong>: at most ${int(s.maxTotal)} ports at once, ${int(s.maxBusiest)} of one protocol${full}, of its ${int(s.rangeSize)}; ${outside}.`);
  });
  return html`<section id="ports"><h2>Ports in use per SMAP</h2>
<p class="note">Ports in use on the shared address over time, per class (DNS, HTTP, HTTPS, other), from the conntrack samples; the dashed line is the SMAP's range (the paper's Figs. 1-20). TCP and UDP ports are separate spaces: one protocol fills the range.</p>
<div class="charts">${figures}</div></section>`;
}

const bound = (within: number): string => `${Math.round(within * 1000) / 10}%`;

/** What the checks found on one SMAP: "at most 197 entries seen, 263 predicted at the samples (-25.1%); the check: off (bound 10%)". */
function predictionCaption(s: PredictionSeries): Html {
  const found = s.checks.map((c) => {
    const gap = c.seen === undefined || c.off === undefined ? '' : ` (${c.seen < c.predicted ? '-' : '+'}${bound(c.off)})`;
    const seen = c.seen === undefined ? 'no entries counted' : `at most ${int(c.seen)} entries seen`;
    return `${seen}, ${int(c.predicted)} predicted at the samples${gap}; the check: ${c.agrees ? 'agrees' : 'off'} (bound ${bound(c.within)})`;
  });
  return html`<strong>${s.smap}</strong>: ${found.length > 0 ? found.join('; ') : 'no check compared them'}${s.disagrees ? '' : ', the largest peak'}.`;
}

/** One line on all the SMAPs: how many agree, and the ones that disagree but are not drawn. */
function predictionSummary(d: ReportData): Html {
  const p = d.predictions;
  if (p.checked === 0) return html`<p class="summary">No simulator check compared the ${plural(p.predicted, 'SMAP')} predicted: the one with the largest peak is drawn.</p>`;
  const unchecked = p.predicted - p.checked;
  const others = unchecked > 0 ? ` (${plural(unchecked, 'other SMAP')} predicted, not checked)` : '';
  const within = p.withins.length === 1 ? ` within ${bound(p.withins[0]!)}` : '';
  if (p.disagreeing.length === 0) return html`<p class="summary">All ${plural(p.checked, 'SMAP')} the check compared agree${within}${others}: the one with the largest peak is drawn.</p>`;
  const hidden = p.disagreeing.slice(p.drawn.length);
  return html`<p class="summary fail">${int(p.disagreeing.length)} of ${plural(p.checked, 'SMAP')} off: the check failed there, or the curves are further apart than its bound${others}.${
    hidden.length > 0 ? ` The ${int(p.drawn.length)} furthest apart are drawn; also off: ${hidden.join(', ')}.` : ''}</p>`;
}

export function predictionSection(d: ReportData, chart: ChartLookup): Html {
  if (d.predictions.drawn.length === 0) return html``;
  const figures = d.predictions.drawn.map((s, i) => figure(chart(`chart-prediction-${i}`), predictionCaption(s)));
  return html`<section id="prediction"><h2>Simulator against sampler</h2>
<p class="note">NAT entries over time (check: simulator): the simulator's prediction, from the run's own plans and the timeouts its SMAPs had, at each instant the port sampler looked, and the conntrack entries the sampler counted then. A chart for each SMAP where they disagree; when all agree, for the one with the largest peak.</p>
${predictionSummary(d)}
<div class="charts">${figures}</div></section>`;
}

function deliveryTable(by: string, rows: readonly DeliveryRow[], reasons: readonly string[]): Html {
  return table(
    [{ label: by }, { label: 'flows', num: true }, { label: 'delivered', num: true }, { label: '%', num: true }, { label: 'failed', num: true }, ...reasons.map((r) => ({ label: r, num: true }))],
    rows.map((r) => ({ failed: r.failed > 0, cells: [r.key, int(r.flows), int(r.ok), percent(r.ok, r.flows), int(r.failed), ...reasons.map((x) => int(r.byReason[x] ?? 0))] })),
  );
}

export function deliverySection(d: ReportData, chart: ChartLookup): Html {
  if (d.byProfile.length === 0) return html``;
  const caption = (by: string) => `Flows delivered, and failed by reason, per ${by}.`;
  return html`<section id="delivery"><h2>Delivery</h2>
${figure(chart('chart-delivery-profile'), caption('profile'), true)}${deliveryTable('profile', d.byProfile, d.reasons)}
${figure(chart('chart-delivery-client'), caption('client'), true)}${deliveryTable('client', d.byClient, d.reasons)}</section>`;
}

export function countersSection(d: ReportData): Html {
  if (d.counters.length === 0) return html``;
  const n = (x: number | undefined) => (x === undefined ? '-' : int(x));
  const rows = d.counters.map((c): Row => ({
    cells: [
      c.node, n(c.upstream?.packets), n(c.upstream?.bytes), n(c.downstream?.packets), n(c.downstream?.bytes),
      c.drops.length === 0 ? 'none' : html`<span class="warn">${c.drops.map((x) => `${x.reason} ${int(x.count)}`).join(', ')}</span>`,
      c.natFailures === undefined ? '-' : c.natFailures > 0 ? html`<span class="warn">${int(c.natFailures)}</span>` : '0',
    ],
  }));
  return html`<section id="counters"><h2>Data plane counters</h2>
<p class="note">Upstream is SMAP to Internet, downstream Internet to SMAP. NAT failures: connections a SMAP's NAT could not map to a port of its range.</p>
${table([{ label: 'node' }, { label: 'up packets', num: true }, { label: 'up bytes', num: true }, { label: 'down packets', num: true }, { label: 'down bytes', num: true }, { label: 'drops by reason' }, { label: 'NAT failures', num: true }], rows)}</section>`;
}

export function probesSection(d: ReportData): Html {
  if (d.probes.length === 0) return html``;
  return html`<section id="probes"><h2>MTU probes</h2>${table(
    [{ label: 'probe' }, { label: 'kind' }, { label: 'client' }, { label: 'result' }, { label: 'found' }, { label: 'ICMP announced MTU' }, { label: 'seconds', num: true }],
    d.probes.map((p) => ({
      cells: [p.name, p.kind, `${p.client} (${p.smap})`, html`<span class="result ${p.ok ? 'pass' : 'fail'}">${p.ok ? 'ok' : 'failed'}</span>`, p.found, p.icmpSaid, p.seconds.toFixed(1)],
    })),
  )}</section>`;
}

export function icmpSection(d: ReportData): Html {
  if (d.icmp.length === 0) return html``;
  return html`<section id="icmp"><h2>ICMP seen</h2>${table(
    [{ label: 'node' }, { label: 'fragmentation needed (ICMPv4)', num: true }, { label: 'Packet Too Big (ICMPv6)', num: true }],
    d.icmp.map((c) => ({ cells: [c.node, int(c.fragNeeded), int(c.packetTooBig)] })),
  )}</section>`;
}

export function eventsSection(d: ReportData): Html {
  if (d.events.length === 0) return html``;
  return html`<section id="events"><h2>Changes during the run</h2>${table(
    [{ label: 'at', num: true }, { label: 'change' }, { label: 'applied' }],
    d.events.map((e) => ({ failed: !e.ok, cells: [seconds(e.at), e.what, e.ok ? 'yes' : html`<span class="warn">failed${e.error ? `: ${e.error}` : ''}</span>`] })),
  )}</section>`;
}
