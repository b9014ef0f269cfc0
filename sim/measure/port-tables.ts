// The paper's Tables I and II (section II-A): a conntrack sample every ten
// seconds gives a row of port counts (Table I); the averages of each column
// and their share of all ports, the rest being "Other v4", give Table II.
// Averages are plain means over the samples, as the paper's spreadsheet
// took them, not weighted by time. Text renders like the paper's, with its
// decimal comma, so that a run can be put beside the printed tables.
import type { ClassCounts } from '../traffic/port-class';

/** One row of Table I: a sample's time (Unix seconds) and its ports in use. */
export interface PortCountRow {
  readonly date: number;
  readonly ports: number;
  readonly dns: number;
  readonly http: number;
  readonly https: number;
}

export interface PortAverage {
  readonly average: number;
  /** Of the average of all ports, 0..1. */
  readonly share: number;
}

/** Table II. */
export interface PortStatistics {
  readonly samples: number;
  readonly ports: number;
  readonly dns: PortAverage;
  readonly http: PortAverage;
  readonly https: PortAverage;
  /** Ports less DNS, HTTP and HTTPS. */
  readonly other: PortAverage;
}

/** A row from a sample of ports in use (sim/measure/conntrack). */
export function portCountRow(date: number, counts: ClassCounts): PortCountRow {
  return { date, ports: counts.total, dns: counts.dns, http: counts.http, https: counts.https };
}

/** Table II from the averages alone: the step the paper's spreadsheet did last. */
export function statisticsFromAverages(avg: Omit<PortCountRow, 'date'>, samples = 0): PortStatistics {
  const of = (x: number): PortAverage => ({ average: x, share: avg.ports > 0 ? x / avg.ports : 0 });
  return {
    samples,
    ports: avg.ports,
    dns: of(avg.dns),
    http: of(avg.http),
    https: of(avg.https),
    other: of(avg.ports - avg.dns - avg.http - avg.https),
  };
}

/** Table II from Table I. */
export function portStatistics(rows: readonly PortCountRow[]): PortStatistics {
  const n = rows.length;
  const mean = (k: keyof Omit<PortCountRow, 'date'>) => (n ? rows.reduce((s, r) => s + r[k], 0) / n : 0);
  return statisticsFromAverages({ ports: mean('ports'), dns: mean('dns'), http: mean('http'), https: mean('https') }, n);
}

export interface RenderOptions {
  /** ',' as the paper prints (default), or '.'. */
  readonly decimal?: ',' | '.';
  /** The caption's second line; default the paper's. */
  readonly caption?: string;
}

/** At most two decimals, trailing zeros dropped: 20,7 and 2,35 as printed. */
export function formatAverage(x: number, decimal: ',' | '.' = ','): string {
  return String(Math.round(x * 100) / 100).replace('.', decimal);
}

/** Two decimals and a percent sign: 75,36%. */
export function formatShare(share: number, decimal: ',' | '.' = ','): string {
  return `${(Math.round(share * 10000) / 100).toFixed(2).replace('.', decimal)}%`;
}

export function renderTableI(rows: readonly PortCountRow[], opts: RenderOptions = {}): string {
  const lines = [
    'TABLE I',
    opts.caption ?? 'BASIC EXAMPLE OF IPV4 PORTS COUNTING',
    '',
    ['Date', 'Ports', 'DNS', 'HTTP', 'HTTPS'].join('\t'),
    ...rows.map((r) => [r.date, r.ports, r.dns, r.http, r.https].join('\t')),
  ];
  return lines.join('\n') + '\n';
}

export function renderTableII(stats: PortStatistics, opts: RenderOptions = {}): string {
  const d = opts.decimal ?? ',';
  const row = (label: string, a: PortAverage) => `${label}\t${formatAverage(a.average, d)}\t${formatShare(a.share, d)}`;
  const lines = [
    'TABLE II',
    opts.caption ?? 'BASIC EXAMPLE OF STATISTICS',
    '',
    // The paper leaves the share of all ports empty (it is 100%), keeping the tab.
    `v4 ports average\t${formatAverage(stats.ports, d)}\t`,
    row('DNS average', stats.dns),
    row('HTTP average', stats.http),
    row('HTTPS average', stats.https),
    row('Other v4', stats.other),
  ];
  return lines.join('\n') + '\n';
}
