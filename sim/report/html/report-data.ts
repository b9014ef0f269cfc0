// What the HTML report shows, computed from a run's result (pure, no HTML):
// the run, every verdict, ports over time per SMAP, the simulator's
// prediction against the sampler, delivery per profile and per client, the
// data plane's counters, the MTU probes, ICMP seen and the changes made
// while traffic flowed. An empty list means "leave the section out".
import type { ScenarioResult } from '../../scenario/run-scenario';
import { counterRows, type CounterRow } from './counter-rows';
import { deliveryRows, failureReasons, type DeliveryRow } from './delivery-rows';
import { portSeries, type PortSeries } from './port-series';
import { predictionView, type PredictionView } from './prediction-series';
import { icmpRows, probeRows, type IcmpRow, type ProbeRow } from './probe-rows';

export interface VerdictRow {
  readonly pass: boolean;
  readonly title: string;
  readonly expected: string;
  readonly actual: string;
  readonly message: string;
  /** `expect: fail`: the assertion stands for a known bug of the paper's system. */
  readonly knownBug: boolean;
}

export interface EventRow {
  readonly at: number;
  readonly what: string;
  readonly ok: boolean;
  readonly error?: string;
}

export interface ReportData {
  readonly scenario: string;
  readonly file: string;
  readonly runId: string;
  readonly pass: boolean;
  readonly trafficSeconds: number;
  readonly overheadSeconds: number;
  readonly kept: boolean;
  readonly evidence?: string;
  readonly verdicts: readonly VerdictRow[];
  readonly failedVerdicts: number;
  readonly ports: readonly PortSeries[];
  /** The simulator's prediction against the sampler: the SMAPs drawn (none: no prediction), and how many agree. */
  readonly predictions: PredictionView;
  readonly byProfile: readonly DeliveryRow[];
  readonly byClient: readonly DeliveryRow[];
  /** Why flows failed, the most frequent first. */
  readonly reasons: readonly string[];
  readonly counters: readonly CounterRow[];
  readonly probes: readonly ProbeRow[];
  readonly icmp: readonly IcmpRow[];
  readonly events: readonly EventRow[];
}

export function reportData(r: ScenarioResult): ReportData {
  const m = r.measured;
  const verdicts = r.verdicts.map((v): VerdictRow => ({
    pass: v.pass, title: v.title, expected: v.expected, actual: v.actual, message: v.message, knownBug: v.expectFail,
  }));
  return {
    scenario: r.scenario, file: r.file, runId: r.runId, pass: r.pass,
    trafficSeconds: r.trafficSeconds, overheadSeconds: r.overheadSeconds, kept: r.kept === true,
    ...(r.evidence ? { evidence: r.evidence } : {}),
    verdicts,
    failedVerdicts: verdicts.filter((v) => !v.pass).length,
    ports: portSeries(m.ports),
    predictions: predictionView(m, r.verdicts),
    byProfile: deliveryRows(m.flows, (f) => f.profile),
    byClient: deliveryRows(m.flows, (f) => f.client),
    reasons: failureReasons(m.flows),
    counters: counterRows(m.counters, m.natFailures),
    probes: probeRows(m.probes),
    icmp: icmpRows(m.icmp),
    // Results written before scenarios had events have none.
    events: (r.events ?? []).map((e) => ({ at: e.at, what: e.what, ok: e.ok, ...(e.error ? { error: e.error } : {}) })),
  };
}
