// The report's stylesheet: one column that reflows on a phone (the verdicts
// stack, wide tables scroll inside themselves, charts resize), and a print
// style with no dark backgrounds and no chart split across pages.
export const REPORT_CSS = `
:root { --ok: #1a7f37; --bad: #cf222e; --known: #9a6700; --muted: #57606a; --line: #d0d7de; --text: #1f2328; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px; color: var(--text); background: #fff; }
h1 { font-size: 1.45em; margin: 0 0 .3em; overflow-wrap: anywhere; }
h2 { font-size: 1.15em; margin: 1.8em 0 .6em; padding-bottom: .2em; border-bottom: 1px solid var(--line); break-after: avoid; page-break-after: avoid; }
p { margin: .4em 0; }
.badge { display: inline-block; padding: 1px 10px; border-radius: 6px; color: #fff; font-weight: 700; font-size: .8em; vertical-align: middle; }
.badge.pass { background: var(--ok); } .badge.fail { background: var(--bad); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: .5em 0; color: var(--muted); }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.summary { font-weight: 600; } .summary.fail { color: var(--bad); }
.note { color: var(--muted); font-size: .92em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92em; margin: .5em 0 1em; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { font-weight: 600; background: #f6f8fa; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.failed td { background: #ffebe9; } tr.failed td:first-child { box-shadow: inset 4px 0 var(--bad); }
.result { font-weight: 700; white-space: nowrap; } .result.pass { color: var(--ok); } .result.fail { color: var(--bad); }
.known { display: inline-block; margin-left: .4em; padding: 0 6px; border: 1px solid var(--known); border-radius: 4px; color: var(--known); font-size: .8em; font-weight: 600; white-space: nowrap; }
.message { color: var(--muted); overflow-wrap: anywhere; }
.warn { color: var(--bad); font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 340px), 1fr)); gap: 20px; }
figure { margin: 0 0 1em; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: .9em; color: var(--muted); margin-top: 4px; overflow-wrap: anywhere; }
figcaption strong { color: var(--text); }
.chart { position: relative; width: 100%; height: 260px; }
.chart.wide { height: 300px; }
@media (max-width: 640px) {
  body { font-size: 14px; padding: 10px; }
  .chart { height: 220px; } .chart.wide { height: 240px; }
  table.stack thead { display: none; }
  table.stack tr { display: block; padding: 4px 0; border-bottom: 1px solid var(--line); }
  table.stack td { display: block; border: 0; padding: 2px 6px; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  table.stack tr.failed { box-shadow: inset 4px 0 var(--bad); background: #ffebe9; }
  table.stack tr.failed td:first-child { box-shadow: none; }
}
@media print {
  @page { margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; color: #000; }
  .badge { color: #000; background: none !important; border: 2px solid #000; }
  th, tr.failed td { background: none; }
  .scroll { overflow: visible; }
  .charts { grid-template-columns: repeat(2, 1fr); }
  figure, .chart, tr { break-inside: avoid; page-break-inside: avoid; }
}
`;
