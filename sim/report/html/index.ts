// The HTML report of a run (docs/reports.md): renderHtmlReport(result) is one
// self-contained file; writeHtmlReport puts it where asked.
import { writeFileSync } from 'node:fs';
import type { ScenarioResult } from '../../scenario/run-scenario';
import { renderHtml } from './render-html';
import { reportData } from './report-data';

export { reportData, type ReportData, type PortSeries, type DeliveryRow } from './report-data';
export { renderHtml } from './render-html';

export const renderHtmlReport = (r: ScenarioResult): string => renderHtml(reportData(r));

export function writeHtmlReport(r: ScenarioResult, file: string): void {
  writeFileSync(file, renderHtmlReport(r));
}
