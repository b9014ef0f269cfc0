// The report's charts as Chart.js configurations: plain JSON (no functions),
// built here and tested without a browser; the page only hands each to
// Chart.js. A ports chart per SMAP (classes and the range, as the paper's
// Figs. 1-20), the simulator's prediction against the sampler where they
// disagree, and delivery per profile and, with several clients, per client.
import type { ChartConfiguration } from 'chart.js';
import { PORT_CLASSES, type PortClass } from '../../traffic/port-class';
import type { DeliveryRow } from './delivery-rows';
import type { PortSeries } from './port-series';
import type { PredictionSeries } from './prediction-series';
import type { ReportData } from './report-data';

export type LineConfig = ChartConfiguration<'line', Array<{ x: number; y: number }>>;
export type BarConfig = ChartConfiguration<'bar', number[], string>;

export interface ChartSpec {
  /** The id of the element holding the chart's canvas. */
  readonly id: string;
  /** What the chart shows, for its caption and screen readers. */
  readonly label: string;
  /** Data points handed to Chart.js, every dataset together: what the page reports once drawn. */
  readonly points: number;
  readonly config: LineConfig | BarConfig;
}

/** The data points of every dataset together: what Chart.js is handed, and what the page reports once it has drawn them. */
export const pointsOf = (datasets: ReadonlyArray<{ readonly data: readonly unknown[] }>): number => datasets.reduce((n, d) => n + d.data.length, 0);

type LineDatasets = LineConfig['data']['datasets'];
type LineScales = NonNullable<LineConfig['options']>['scales'];

/** A line chart of {x, y} points; hovering shows the point nearest along x. */
export function lineChart(id: string, label: string, datasets: LineDatasets, scales: LineScales): ChartSpec {
  return {
    id, label, points: pointsOf(datasets),
    config: { type: 'line', data: { datasets }, options: { interaction: { mode: 'nearest', axis: 'x', intersect: false }, scales } },
  };
}

export const axisTitle = (text: string) => ({ display: true, text });
const TIME_AXIS = { type: 'linear', min: 0, title: axisTitle('seconds into the run') } as const;

export const CLASS_LABELS: Readonly<Record<PortClass, string>> = { dns: 'DNS', http: 'HTTP', https: 'HTTPS', other: 'other' };
const CLASS_COLORS: Readonly<Record<PortClass, string>> = { dns: '#8250df', http: '#0969da', https: '#1a7f37', other: '#bc4c00' };
const RANGE_COLOR = '#cf222e';
const PREDICTED_COLOR = '#8250df';
const SAMPLED_COLOR = '#0969da';
const DELIVERED_COLOR = '#2da44e';
/** Failure reasons, the most frequent first; light to dark grey-reds so that "delivered" stands apart. */
const REASON_COLORS = ['#cf222e', '#fb8f44', '#8c959f', '#a475f9', '#bf8700', '#e85aad', '#424a53'];

/** Dots help read a short run; on a long one they would hide the lines. */
const dotsFor = (samples: number): number => (samples <= 30 ? 2 : 0);

export function portChart(s: PortSeries, index: number): ChartSpec {
  const points = (ys: readonly number[]) => s.at.map((x, i) => ({ x, y: ys[i] ?? 0 }));
  const pointRadius = dotsFor(s.at.length);
  const line = (label: string, ys: readonly number[], color: string) => ({ label, data: points(ys), borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius, order: 1 });
  const datasets = [
    ...PORT_CLASSES.map((c) => line(CLASS_LABELS[c], s.classes[c], CLASS_COLORS[c])),
    // Drawn last (lowest order): a class that fills the range shows under the dashes.
    { ...line(`range (${s.rangeSize} ports)`, s.range, RANGE_COLOR), borderDash: [6, 4], pointRadius: 0, order: 0 },
  ];
  return lineChart(`chart-ports-${index}`, `ports in use by ${s.smap} over time, per class, and its range of ${s.rangeSize} ports`, datasets, {
    x: TIME_AXIS,
    y: { beginAtZero: true, suggestedMax: Math.ceil(s.rangeSize * 1.1), title: axisTitle('ports in use') },
  });
}

/** The simulator's entries predicted at the sampler's instants, dashed, over the entries the sampler counted. */
export function predictionChart(s: PredictionSeries, index: number): ChartSpec {
  const pointRadius = dotsFor(s.measured.length);
  const line = (label: string, data: PredictionSeries['measured'], color: string) =>
    ({ label, data: data.map(([x, y]) => ({ x, y })), borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius });
  const datasets = [
    { ...line('simulator (predicted)', s.predicted, PREDICTED_COLOR), borderDash: [6, 4] },
    line('sampler (conntrack entries)', s.measured, SAMPLED_COLOR),
  ];
  return lineChart(`chart-prediction-${index}`, `NAT entries of ${s.smap} over time: the simulator's prediction and the sampler's count`, datasets, {
    x: TIME_AXIS,
    y: { beginAtZero: true, title: axisTitle('NAT entries') },
  });
}

export function deliveryChart(id: string, by: string, rows: readonly DeliveryRow[], reasons: readonly string[]): ChartSpec {
  const bars = (label: string, data: number[], color: string) => ({ label, data, backgroundColor: color, maxBarThickness: 64 });
  const datasets = [
    bars('delivered', rows.map((r) => r.ok), DELIVERED_COLOR),
    ...reasons.map((reason, i) => bars(`failed: ${reason}`, rows.map((r) => r.byReason[reason] ?? 0), REASON_COLORS[i % REASON_COLORS.length]!)),
  ];
  return {
    id,
    label: `flows delivered and failed (by reason) per ${by}`,
    points: pointsOf(datasets),
    config: {
      type: 'bar',
      data: { labels: rows.map((r) => r.key), datasets },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: { x: { stacked: true, title: { display: true, text: by } }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'flows' } } },
      },
    },
  };
}

/** Every chart of the report, in page order. */
export function chartSpecs(d: ReportData): ChartSpec[] {
  return [
    ...d.ports.map(portChart),
    ...d.predictions.drawn.map(predictionChart),
    ...(d.byProfile.length > 0 ? [deliveryChart('chart-delivery-profile', 'profile', d.byProfile, d.reasons)] : []),
    // With one client, the chart per client would repeat the one per profile.
    ...(d.byClient.length > 1 ? [deliveryChart('chart-delivery-client', 'client', d.byClient, d.reasons)] : []),
  ];
}
