// A suite as HTML: `aplus test --html FILE` writes FILE, an index with a row
// per scenario, and each run's own report (sim/report/html) in a folder
// beside it named after it: suite.html, then suite/SCENARIO-RUN.html. The
// index links each page by a relative address, so the folder can be moved
// or kept as a CI artifact whole.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { html, trusted } from '../report/html/html-escape';
import { REPORT_CSS } from '../report/html/report-style';
import type { ScenarioResult } from '../scenario/run-scenario';
import { interruptedDetail, suiteExitCode, verdictOf, type ScenarioOutcome, type SuiteReport } from './outcome';
import { suiteTotals } from './summary';

/** The folder of the scenario pages: the index's name without .html, beside it. */
export const htmlPagesDir = (indexFile: string): string => join(dirname(indexFile), basename(indexFile, extname(indexFile)));

const pageName = (r: Pick<ScenarioResult, 'scenario' | 'runId'>) => `${r.scenario}-${r.runId}.html`;

/** Where the report of one scenario run goes. */
export const htmlPagePath = (indexFile: string, r: Pick<ScenarioResult, 'scenario' | 'runId'>): string => join(htmlPagesDir(indexFile), pageName(r));

const WORD = { pass: 'pass', fail: 'FAIL', error: 'ERROR', interrupted: 'interrupted', skipped: 'skipped' } as const;

const cell = (label: string, value: unknown, num = false) => html`<td data-label="${label}" class="${num ? 'num' : ''}">${value}</td>`;

function row(o: ScenarioOutcome, pages: string) {
  const verdict = verdictOf(o);
  const word = html`<span class="result ${verdict === 'pass' ? 'pass' : verdict === 'skipped' || verdict === 'interrupted' ? '' : 'fail'}">${WORD[verdict]}</span>`;
  if (o.kind === 'result') {
    const r = o.result;
    const failed = r.verdicts.filter((v) => !v.pass);
    const href = `${encodeURIComponent(pages)}/${encodeURIComponent(pageName(r))}`;
    return html`<tr class="${r.pass ? '' : 'failed'}">${[
      cell('scenario', html`<a href="${href}">${o.name}</a>`), cell('verdict', word), cell('assertions', `${r.verdicts.length - failed.length}/${r.verdicts.length}`, true),
      cell('traffic s', r.trafficSeconds.toFixed(1), true), cell('wall s', o.wallSeconds.toFixed(1), true),
      cell('detail', failed.map((v) => html`<div class="message">${v.message}</div>`)),
    ]}</tr>`;
  }
  const detail = o.kind === 'error' ? `${o.reason}: ${o.message}` : o.kind === 'interrupted' ? `interrupted ${interruptedDetail(o)}`
    : o.because === 'bail' ? 'not run: after a failure, with --bail' : 'not run: interrupted';
  return html`<tr class="${o.kind === 'error' ? 'failed' : ''}">${[
    cell('scenario', o.name), cell('verdict', word), cell('assertions', '-', true), cell('traffic s', '-', true),
    cell('wall s', o.kind === 'skipped' ? '-' : o.wallSeconds.toFixed(1), true), cell('detail', html`<div class="message">${detail}</div>`),
  ]}</tr>`;
}

/** The index page of a suite whose pages are in the folder beside indexFile. */
export function htmlIndex(report: SuiteReport, indexFile: string): string {
  const pass = suiteExitCode(report) === 0;
  // Interrupted, the suite has no verdict: neither PASS nor FAIL (red all the same: not a green run).
  const headline = report.interrupted ? 'INTERRUPTED' : pass ? 'PASS' : 'FAIL';
  const pages = basename(htmlPagesDir(indexFile));
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>aplus test: ${headline}</title>
<style>${trusted(REPORT_CSS)}</style></head>
<body>
<header><h1>aplus test <span class="badge ${pass ? 'pass' : 'fail'}">${headline}</span></h1>
<p class="summary ${pass ? '' : 'fail'}">${suiteTotals(report)}</p>
<p class="note">Started ${report.startedAt.toISOString()}. Each scenario that ran links its own report.</p></header>
<main><div class="scroll"><table class="stack"><thead><tr><th>scenario</th><th>verdict</th><th class="num">assertions</th><th class="num">traffic s</th><th class="num">wall s</th><th>detail</th></tr></thead>
<tbody>${report.outcomes.map((o) => row(o, pages))}</tbody></table></div></main>
</body></html>
`;
  return page.text;
}

/** Writes the index to indexFile, making its folder when missing. */
export function writeHtmlIndex(indexFile: string, report: SuiteReport): void {
  mkdirSync(dirname(indexFile), { recursive: true });
  writeFileSync(indexFile, htmlIndex(report, indexFile));
}
