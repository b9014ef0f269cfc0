// The HTML report of a run (docs/reports.md): renderHtmlReport(result) is
// one self-contained file with charts; writeHtmlReport puts it where asked.
// The simulation's page (docs/simulator.md) is made of the same parts.
import type { ScenarioResult } from '../../scenario/run-scenario';
import { writePage } from './page-shell';
import { renderHtml } from './render-html';
import { reportData } from './report-data';

export { reportData, type ReportData, type VerdictRow, type EventRow } from './report-data';
export { portSeries, type PortSeries } from './port-series';
export { predictionSeries, predictionView, smapsToDraw, MOST_PREDICTION_CHARTS, type PredictionSeries, type PredictionView } from './prediction-series';
export { deliveryRows, failureReasons, type DeliveryRow } from './delivery-rows';
export { counterRows, type CounterRow } from './counter-rows';
export { probeRows, probeFound, icmpRows, type ProbeRow, type IcmpRow } from './probe-rows';
export { chartSpecs, portChart, predictionChart, deliveryChart, type ChartSpec } from './chart-specs';
export { escapeHtml } from './html-escape';
export { renderSimulationPage, writeSimulationPage } from './simulation-page';
export { simulationCharts, peaksCdfChart, exhaustionChart, cdfPoints } from './simulation-charts';
export { renderHtml } from './render-html';

export const renderHtmlReport = (result: ScenarioResult): string => renderHtml(reportData(result));

/** Writes the report to `file`, making its folder when missing (aplus test --html DIR). */
export function writeHtmlReport(result: ScenarioResult, file: string): void {
  writePage(file, renderHtmlReport(result));
}
