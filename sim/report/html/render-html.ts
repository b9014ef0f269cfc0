// The page of a run: its sections, top to bottom, and their charts.
import { chartSpecs } from './chart-specs';
import { html } from './html-escape';
import { htmlPage } from './page-shell';
import type { ReportData } from './report-data';
import { countersSection, deliverySection, eventsSection, headerSection, icmpSection, portsSection, predictionSection, probesSection, verdictSection } from './report-sections';

export function renderHtml(d: ReportData): string {
  const charts = chartSpecs(d);
  const chart = (id: string) => charts.find((s) => s.id === id);
  return htmlPage({
    title: `${d.scenario}: ${d.pass ? 'PASS' : 'FAIL'}`,
    header: headerSection(d),
    main: html`${verdictSection(d)}
${portsSection(d, chart)}
${predictionSection(d, chart)}
${deliverySection(d, chart)}
${countersSection(d)}
${probesSection(d)}
${icmpSection(d)}
${eventsSection(d)}`,
    charts,
  });
}
