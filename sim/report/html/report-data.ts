// What the HTML report shows, computed from a run's result (pure): per SMAP
// its ports in use over time by class and its range (the paper's Figs.
// 1-20), delivery per profile and per client, the data plane's counters,
// the MTU probes, ICMP seen, and every verdict.
import type { FlowRecord, ProbeRecord } from '../../assert/measured-data';
import type { ScenarioResult } from '../../scenario/run-scenario';

export interface PortSeries {
  readonly smap: string;
  readonly rangeSize: number;
  /** Seconds into the run, and ports in use per class at that time. */
  readonly at: number[];
  readonly dns: number[];
  readonly http: number[];
  readonly https: number[];
  readonly other: number[];
  readonly max: number;
  readonly outOfRange: number;
}

export interface DeliveryRow {
  readonly key: string;
  readonly flows: number;
  readonly ok: number;
  /** Failed flows by reason, "timeout 3, reset 1". */
  readonly failed: string;
}

export interface CounterRow {
  readonly node: string;
  readonly upPackets: number;
  readonly downPackets: number;
  /** Non-zero drops by reason, "icmp 3, no-owner 1". */
  readonly drops: string;
  readonly natFailures?: number;
}

export interface ReportData {
  readonly title: string;
  readonly file: string;
  readonly runId: string;
  readonly pass: boolean;
  readonly trafficSeconds: number;
  readonly overheadSeconds: number;
  readonly evidence?: string;
  readonly verdicts: ReadonlyArray<{ pass: boolean; title: string; expected: string; actual: string; message: string; knownBug: boolean }>;
  readonly ports: readonly PortSeries[];
  readonly byProfile: readonly DeliveryRow[];
  readonly byClient: readonly DeliveryRow[];
  readonly counters: readonly CounterRow[];
  readonly probes: readonly ProbeRecord[];
  readonly icmp: ReadonlyArray<{ node: string; fragNeeded: number; packetTooBig: number }>;
  readonly events: ReadonlyArray<{ at: number; what: string; ok: boolean }>;
}

function delivery(flows: readonly FlowRecord[], key: (f: FlowRecord) => string): DeliveryRow[] {
  const groups = new Map<string, FlowRecord[]>();
  for (const f of flows) groups.set(key(f), [...(groups.get(key(f)) ?? []), f]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, fs]) => {
    const reasons = new Map<string, number>();
    for (const f of fs) if (!f.ok) reasons.set(f.reason ?? 'unknown', (reasons.get(f.reason ?? 'unknown') ?? 0) + 1);
    return { key: k, flows: fs.length, ok: fs.filter((f) => f.ok).length, failed: [...reasons].map(([r, n]) => `${r} ${n}`).join(', ') };
  });
}

export function reportData(r: ScenarioResult): ReportData {
  const smaps = [...new Set(r.measured.ports.map((p) => p.smap))].sort();
  const ports = smaps.map((smap): PortSeries => {
    const s = r.measured.ports.filter((p) => p.smap === smap).sort((a, b) => a.at - b.at);
    return {
      smap, rangeSize: s[0]?.rangeSize ?? 0,
      at: s.map((p) => Math.round(p.at * 10) / 10), dns: s.map((p) => p.dns), http: s.map((p) => p.http), https: s.map((p) => p.https), other: s.map((p) => p.other),
      max: Math.max(0, ...s.map((p) => p.total)), outOfRange: s.reduce((n, p) => n + p.outOfRange, 0),
    };
  });
  const nodes = Object.keys(r.measured.counters).sort((a, b) => (a === 'prr' ? -1 : b === 'prr' ? 1 : a.localeCompare(b)));
  return {
    title: r.scenario, file: r.file, runId: r.runId, pass: r.pass, trafficSeconds: r.trafficSeconds, overheadSeconds: r.overheadSeconds,
    ...(r.evidence ? { evidence: r.evidence } : {}),
    verdicts: r.verdicts.map((v) => ({ pass: v.pass, title: v.title, expected: v.expected, actual: v.actual, message: v.message, knownBug: v.expectFail })),
    ports,
    byProfile: delivery(r.measured.flows, (f) => f.profile),
    byClient: delivery(r.measured.flows, (f) => f.client),
    counters: nodes.map((node) => {
      const c = r.measured.counters[node]!;
      const nat = r.measured.natFailures?.[node];
      return {
        node, upPackets: c.upstream?.packets ?? 0, downPackets: c.downstream?.packets ?? 0,
        drops: Object.entries(c.drops).filter(([, n]) => (n ?? 0) > 0).map(([k, n]) => `${k} ${n}`).join(', '),
        ...(nat !== undefined ? { natFailures: nat } : {}),
      };
    }),
    probes: r.measured.probes ?? [],
    icmp: Object.entries(r.measured.icmp ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([node, c]) => ({ node, ...c })),
    events: (r.events ?? []).map((e) => ({ at: e.at, what: e.what, ok: e.ok })),
  };
}
