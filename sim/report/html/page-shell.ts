// One self-contained HTML page: the stylesheet, the sections, the charts'
// JSON, Chart.js inlined (only when there is a chart to draw) and the script
// that draws them. Nothing is fetched: no link, no src, no font from
// elsewhere. The run's report and the simulation's page are both one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chartLibrary } from './chart-library';
import type { ChartSpec } from './chart-specs';
import { html, jsonInScript, scriptInScript, trusted, type Html } from './html-escape';
import { PAGE_SCRIPT } from './page-script';
import { REPORT_CSS } from './report-style';

export interface PageParts {
  readonly title: string;
  readonly header: Html;
  readonly main: Html;
  /** The charts drawn in `main`'s figures, in page order. */
  readonly charts: readonly ChartSpec[];
}

export function htmlPage(p: PageParts): string {
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title}</title>
<style>${trusted(REPORT_CSS)}</style></head>
<body>
${p.header}
<main>
${p.main}
</main>
<script type="application/json" id="aplus-charts">${jsonInScript(p.charts.map((s) => ({ id: s.id, config: s.config })))}</script>
${p.charts.length > 0 ? html`<script>${scriptInScript(chartLibrary())}</script>` : ''}
<script>${trusted(PAGE_SCRIPT)}</script>
</body></html>
`;
  return page.text;
}

/** Writes a page to `file`, making its folder when missing. */
export function writePage(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
