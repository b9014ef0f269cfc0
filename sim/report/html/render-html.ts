// One self-contained HTML page for a run: the sections, the charts' JSON,
// Chart.js inlined (only when there is a chart to draw) and the script that
// draws them. Nothing is fetched: no link, no src, no font from elsewhere.
import { chartLibrary } from './chart-library';
import { chartSpecs } from './chart-specs';
import { html, jsonInScript, scriptInScript, trusted } from './html-escape';
import { PAGE_SCRIPT } from './page-script';
import type { ReportData } from './report-data';
import { countersSection, deliverySection, eventsSection, headerSection, icmpSection, portsSection, probesSection, verdictSection } from './report-sections';
import { REPORT_CSS } from './report-style';

export function renderHtml(d: ReportData): string {
  const specs = chartSpecs(d);
  const chart = (id: string) => specs.find((s) => s.id === id);
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${d.scenario}: ${d.pass ? 'PASS' : 'FAIL'}</title>
<style>${trusted(REPORT_CSS)}</style></head>
<body>
${headerSection(d)}
<main>
${verdictSection(d)}
${portsSection(d, chart)}
${deliverySection(d, chart)}
${countersSection(d)}
${probesSection(d)}
${icmpSection(d)}
${eventsSection(d)}
</main>
<script type="application/json" id="aplus-charts">${jsonInScript(specs.map((s) => ({ id: s.id, config: s.config })))}</script>
${specs.length > 0 ? html`<script>${scriptInScript(chartLibrary())}</script>` : ''}
<script>${trusted(PAGE_SCRIPT)}</script>
</body></html>
`;
  return page.text;
}
