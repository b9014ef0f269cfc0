// The simulation page's charts as Chart.js configurations (pure): the CDF of
// the per-user peaks for each protocol, and P(exhaustion) against the size
// of the port set, drawn from the need's CDF with the spec's sizes marked.
// Both are step functions: Chart.js's `stepped: 'before'` holds a point's
// value until the next point's x, where it steps.
import { exhaustionCurve, type Cdf, type SimulationResult } from '../../simulate/index';
import { PEAK_ROWS } from '../simulation-tables';
import { axisTitle, lineChart, type ChartSpec } from './chart-specs';

type Point = { x: number; y: number };

const PEAK_COLORS = { tcp: '#0969da', udp: '#8250df', total: '#bc4c00', need: '#1a7f37' } as const;
const SIZE_COLOR = '#cf222e';

/**
 * A CDF's steps as points, with 0 at x = 0 below the least peak and the last
 * fraction held to `upTo`, so that every curve spans the chart.
 */
export function cdfPoints(cdf: Cdf, upTo: number): Point[] {
  const first = cdf[0];
  const last = cdf.at(-1);
  return [
    ...(first && first[0] > 0 ? [{ x: 0, y: 0 }] : []),
    ...cdf.map(([x, y]) => ({ x, y })),
    ...(last && last[0] < upTo ? [{ x: upTo, y: last[1] }] : []),
  ];
}

export function peaksCdfChart(r: SimulationResult): ChartSpec {
  // A tenth beyond the largest peak, so the last step is not on the edge.
  const upTo = Math.max(1, Math.ceil(Math.max(...PEAK_ROWS.map(([k]) => r.peaks[k].max)) * 1.1));
  const datasets = PEAK_ROWS.map(([k, label]) => ({
    label, data: cdfPoints(r.peaks[k].cdf, upTo), stepped: 'before' as const,
    borderColor: PEAK_COLORS[k], backgroundColor: PEAK_COLORS[k], borderWidth: 2, pointRadius: 0,
    // The need is TCP's or UDP's peak: dashed, it shows where it lies on one of them.
    ...(k === 'need' ? { borderDash: [6, 4], borderWidth: 3 } : {}),
  }));
  return lineChart('chart-peaks-cdf', 'the fraction of users at or below each peak of ports: TCP, UDP, both at once, and the need', datasets, {
    x: { type: 'linear', min: 0, max: upTo, title: axisTitle('peak ports per user (the most held at once)') },
    y: { min: 0, max: 1, title: axisTitle('fraction of users at or below') },
  });
}

export function exhaustionChart(r: SimulationResult): ChartSpec {
  // Every size a set can have, 1 port to a whole address: the log scale gives each decade the same room.
  const upTo = Math.max(r.usablePorts, ...r.sizes.map((s) => s.size));
  const curve = exhaustionCurve(r.peaks.need.cdf, r.sizes.map((s) => s.size), upTo).map(([x, y]) => ({ x, y }));
  const datasets = [
    { label: 'P(exhaustion)', data: curve, stepped: 'before' as const, borderColor: PEAK_COLORS.need, backgroundColor: PEAK_COLORS.need, borderWidth: 2, pointRadius: 0 },
    {
      label: 'the spec\'s sizes', data: r.sizes.map((s) => ({ x: s.size, y: s.exhaustion })),
      showLine: false, borderColor: SIZE_COLOR, backgroundColor: SIZE_COLOR, pointRadius: 4, pointHoverRadius: 6,
    },
  ];
  return lineChart('chart-exhaustion', 'P(exhaustion) against the port set size, with the spec\'s sizes marked', datasets, {
    x: { type: 'logarithmic', min: 1, max: upTo, title: axisTitle('ports per user (port set size, log scale)') },
    y: { min: 0, max: 1, title: axisTitle('P(exhaustion)') },
  });
}

/** The page's charts, in page order. */
export const simulationCharts = (r: SimulationResult): ChartSpec[] => [peaksCdfChart(r), exhaustionChart(r)];
