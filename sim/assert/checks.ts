// Each kind of assertion as a plain function of the measured data: what was
// expected, what was measured, and whether it held. No data is its own
// outcome: a check that saw nothing must not pass, even when `expect: fail`.
import { DROP_REASONS, isWithheldReply } from '../aplus/core/counters';
import { plural } from '../report/plural';
import { routerCounter, type RouterCounterName } from '../kinds/router-counters';
import type { Assertion } from './assertion-schema';
import { describeCauses } from './failure-cause';
import { PORTS_EXHAUSTED, type Measured, type PortSampleRecord } from './measured-data';

export type Outcome = 'pass' | 'fail' | 'no-data';

export interface CheckResult {
  readonly outcome: Outcome;
  readonly expected: string;
  readonly actual: string;
  /** check: simulator, each SMAP it compared. */
  readonly agreement?: SimulatorAgreement;
}

interface Bound {
  readonly equals?: number;
  readonly atLeast?: number;
  readonly atMost?: number;
}

export function describeBound(b: Bound): string {
  const parts: string[] = [];
  if (b.equals !== undefined) parts.push(`exactly ${b.equals}`);
  if (b.atLeast !== undefined) parts.push(`at least ${b.atLeast}`);
  if (b.atMost !== undefined) parts.push(`at most ${b.atMost}`);
  return parts.join(' and ');
}

export function withinBound(b: Bound, x: number): boolean {
  return (b.equals === undefined || x === b.equals) && (b.atLeast === undefined || x >= b.atLeast) && (b.atMost === undefined || x <= b.atMost);
}

const outcome = (ok: boolean): Outcome => (ok ? 'pass' : 'fail');
const percent = (x: number) => `${Math.round(x * 10000) / 100}%`;
const samplesOf = (m: Measured, smap?: string): readonly PortSampleRecord[] =>
  smap === undefined ? m.ports : m.ports.filter((s) => s.smap === smap);

function delivery(a: Extract<Assertion, { check: 'delivery' }>, m: Measured): CheckResult {
  const flows = m.flows.filter(
    (f) => (a.client === undefined || f.client === a.client) && (a.smap === undefined || f.smap === a.smap) && (a.profile === undefined || f.profile === a.profile),
  );
  const expected = `at least ${percent(a.atLeast)} delivered`;
  if (flows.length === 0) return { outcome: 'no-data', expected, actual: 'no flows' };
  const ok = flows.filter((f) => f.ok).length;
  const reasons = new Map<string, number>();
  for (const f of flows) if (!f.ok) reasons.set(f.reason ?? 'unknown', (reasons.get(f.reason ?? 'unknown') ?? 0) + 1);
  const why = [...reasons].map(([r, n]) => `${r} ${n}`).join(', ');
  const cause = describeCauses(flows);
  const ratio = ok / flows.length;
  return { outcome: outcome(ratio >= a.atLeast), expected, actual: `${percent(ratio)} (${ok} of ${flows.length}${why ? `; failed: ${why}` : ''}${cause ? `; ${cause}` : ''})` };
}

/** A sample's count of a class; `busiest` is total in results from before it was sampled. */
const countOf = (s: PortSampleRecord, cls: Extract<Assertion, { check: 'ports' }>['class']): number => (cls === 'busiest' ? s.busiest ?? s.total : s[cls]);

function ports(a: Extract<Assertion, { check: 'ports' }>, m: Measured): CheckResult {
  const samples = samplesOf(m, a.smap);
  const what = a.class === 'total' ? 'ports' : a.class === 'busiest' ? 'ports of one protocol' : `${a.class} ports`;
  const expected = `${describeBound(a)} ${what} at once${a.sum ? ', all SMAPs together' : ''}`;
  if (samples.length === 0) return { outcome: 'no-data', expected, actual: 'no port samples' };
  if (a.sum) {
    const rounds = new Map<number, number>();
    for (const s of samples) rounds.set(s.round ?? s.at, (rounds.get(s.round ?? s.at) ?? 0) + countOf(s, a.class));
    const max = Math.max(...rounds.values());
    return { outcome: outcome(withinBound(a, max)), expected, actual: `${max} at the most, over ${plural(rounds.size, 'round')} of samples` };
  }
  const max = Math.max(...samples.map((s) => countOf(s, a.class)));
  return { outcome: outcome(withinBound(a, max)), expected, actual: `${max} at the most, over ${plural(samples.length, 'sample')}` };
}

function withinRange(a: Extract<Assertion, { check: 'within-range' }>, m: Measured): CheckResult {
  const samples = samplesOf(m, a.smap);
  const expected = 'no mapped port outside the range';
  if (samples.length === 0) return { outcome: 'no-data', expected, actual: 'no port samples' };
  const bad = samples.filter((s) => s.outOfRange > 0);
  const n = bad.reduce((s, x) => s + x.outOfRange, 0);
  return { outcome: outcome(n === 0), expected, actual: n === 0 ? `none in ${samples.length} samples` : `${n} outside, in ${bad.length} of ${samples.length} samples` };
}

/** Exhausted: a sample used the whole range, or a flow failed for want of a port. */
function exhaustion(a: Extract<Assertion, { check: 'exhaustion' }>, m: Measured): CheckResult {
  const samples = samplesOf(m, a.smap);
  const flows = m.flows.filter((f) => a.smap === undefined || f.smap === a.smap);
  const expected = a.expected ? 'the range exhausted' : 'the range never exhausted';
  if (samples.length === 0 && flows.length === 0) return { outcome: 'no-data', expected, actual: 'no port samples and no flows' };
  // A range is full when one protocol's ports fill it: TCP and UDP ports are separate spaces.
  const used = (s: PortSampleRecord) => s.busiest ?? s.total;
  const full = samples.filter((s) => used(s) >= s.rangeSize);
  const starved = flows.filter((f) => !f.ok && f.reason === PORTS_EXHAUSTED).length;
  // The SMAP's own word: packets its NAT could not map (counted where exhaustion happens).
  const natFailed = Object.entries(m.natFailures ?? {}).filter(([smap]) => a.smap === undefined || smap === a.smap).reduce((n, [, v]) => n + v, 0);
  const exhausted = full.length > 0 || starved > 0 || natFailed > 0;
  const peak = samples.reduce<PortSampleRecord | undefined>((p, s) => (!p || used(s) / s.rangeSize > used(p) / p.rangeSize ? s : p), undefined);
  const detail = [peak && `at most ${used(peak)} of ${peak.rangeSize} ports of one protocol`, starved > 0 && `${starved} flows failed with ${PORTS_EXHAUSTED}`, natFailed > 0 && `${natFailed} NAT failures counted at the SMAP`].filter(Boolean).join('; ');
  return { outcome: outcome(exhausted === a.expected), expected, actual: `${exhausted ? 'exhausted' : 'not exhausted'}${detail ? ` (${detail})` : ''}` };
}

function drops(a: Extract<Assertion, { check: 'drops' }>, m: Measured): CheckResult {
  const what = a.reason === 'total' ? 'drops in total' : `${a.reason} drops`;
  const expected = `${describeBound(a)} ${what}${a.smap === undefined ? '' : ` for SMAP ${a.smap}`}`;
  const c = m.counters[a.node];
  if (!c) {
    const why = m.routers?.[a.node] ? `${a.node} is a router: check: router reads its counters` : `no counters for ${a.node}`;
    return { outcome: 'no-data', expected, actual: why };
  }
  const d = a.smap === undefined ? c.drops : c.smaps?.find((s) => s.name === a.smap)?.drops;
  if (!d) return { outcome: 'no-data', expected, actual: `${a.node} has no counters for SMAP ${a.smap}` };
  // A total counts packets: a reply withheld is about a packet counted already.
  const n = a.reason === 'total' ? DROP_REASONS.reduce((s, r) => s + (isWithheldReply(r) ? 0 : d[r] ?? 0), 0) : d[a.reason] ?? 0;
  return { outcome: outcome(withinBound(a, n)), expected, actual: `${n}` };
}

const ROUTER_COUNTER_TEXT: Readonly<Record<RouterCounterName, string>> = {
  forwarded: 'packets forwarded',
  'too-big': 'packets too big for the next link',
  'ptb-sent': 'Packet Too Big sent',
  'ptb-dropped': 'Packet Too Big dropped',
};

function router(a: Extract<Assertion, { check: 'router' }>, m: Measured): CheckResult {
  const expected = `${describeBound(a)} ${ROUTER_COUNTER_TEXT[a.counter]} by ${a.node}`;
  const c = m.routers?.[a.node];
  if (!c) return { outcome: 'no-data', expected, actual: `no counters for router ${a.node}` };
  const n = routerCounter(c, a.counter);
  return { outcome: outcome(withinBound(a, n)), expected, actual: `${n}` };
}

const probeOf = (m: Measured, name: string) => m.probes?.find((p) => p.name === name);

function pathMtu(a: Extract<Assertion, { check: 'path-mtu' }>, m: Measured): CheckResult {
  const expected = `path MTU ${a.by === 'icmp' ? 'announced by ICMP' : 'by echoes'} ${describeBound(a)}`;
  const p = probeOf(m, a.probe);
  if (!p) return { outcome: 'no-data', expected, actual: `no result from probe ${a.probe}` };
  const icmp = p.icmpMtus ?? [];
  const found = a.by === 'icmp' ? (icmp.length > 0 ? Math.min(...icmp) : undefined) : p.ok ? p.pathMtu : undefined;
  const context = `echoes: ${p.ok && p.pathMtu !== undefined ? p.pathMtu : `none (${p.reason ?? 'no reply'})`}; ICMP announced: ${icmp.length > 0 ? icmp.join(', ') : 'nothing'}`;
  if (found === undefined) return { outcome: 'no-data', expected, actual: context };
  return { outcome: outcome(withinBound(a, found)), expected, actual: `${found} (${context})` };
}

function transfer(a: Extract<Assertion, { check: 'transfer' }>, m: Measured): CheckResult {
  const expected = a.completes ? 'completes' : 'stalls or fails';
  const p = probeOf(m, a.probe);
  if (!p) return { outcome: 'no-data', expected, actual: `no result from probe ${a.probe}` };
  const detail =
    p.kind === 'tcp-bulk'
      ? `${p.bytes ?? 0} of ${p.bytesWanted ?? '?'} bytes ${p.direction ?? ''}, ${p.stalls ?? 0} stalls, longest ${p.longestStallMs ?? 0} ms`
      : p.kind === 'udp-df'
        ? `${p.received ?? 0} of ${p.sent ?? 0} datagrams echoed, size ${p.size ?? '?'}${p.adapts ? ' (adapts)' : ''}`
        : `path MTU ${p.pathMtu ?? 'none'}`;
  return { outcome: outcome(p.ok === a.completes), expected, actual: `${p.ok ? 'completed' : `failed: ${p.reason ?? 'unknown'}`} (${detail})` };
}

function icmp(a: Extract<Assertion, { check: 'icmp' }>, m: Measured): CheckResult {
  const what = a.type === 'frag-needed' ? 'ICMP "fragmentation needed"' : 'ICMPv6 Packet Too Big';
  const expected = `${describeBound(a)} ${what} sent by ${a.node}`;
  const c = m.icmp?.[a.node];
  if (!c) return { outcome: 'no-data', expected, actual: `no capture on ${a.node}` };
  const n = a.type === 'frag-needed' ? c.fragNeeded : c.packetTooBig;
  return { outcome: outcome(withinBound(a, n)), expected, actual: `${n}` };
}

export function runCheck(a: Assertion, m: Measured): CheckResult {
  switch (a.check) {
    case 'delivery':
      return delivery(a, m);
    case 'ports':
      return ports(a, m);
    case 'within-range':
      return withinRange(a, m);
    case 'exhaustion':
      return exhaustion(a, m);
    case 'drops':
      return drops(a, m);
    case 'path-mtu':
      return pathMtu(a, m);
    case 'transfer':
      return transfer(a, m);
    case 'icmp':
      return icmp(a, m);
    case 'router':
      return router(a, m);
    case 'simulator':
      return simulator(a, m);
  }
}

/** How one SMAP's NAT entries, as the sampler counted them, compare with the simulator's (check: simulator). */
export interface SmapAgreement {
  readonly smap: string;
  /** The most entries the sampler saw; absent when no sample counted entries. */
  readonly seen?: number;
  /** What the sampler could have seen: the prediction's most at its instants (its peak in results without them). */
  readonly predicted: number;
  /** How far seen lies outside [predicted, the prediction's peak], as a fraction of the nearer end (1 when that end is 0); absent with `seen`. */
  readonly off?: number;
  /** The check holds here: the same verdict on exhaustion and, not exhausted, within `within`. */
  readonly agrees: boolean;
}

/** A simulator check's comparison of each SMAP it covers, kept in its verdict for the report to draw where they disagree. */
export interface SimulatorAgreement {
  readonly within: number;
  readonly smaps: readonly SmapAgreement[];
}

type PredictedSmap = NonNullable<Measured['predicted']>['smaps'][string];

function compareSmap(smap: string, p: PredictedSmap, m: Measured, within: number): SmapAgreement & { readonly note: string } {
  // What the sampler could have seen: the prediction at its instants (a peak between two looks is missed).
  const want = p.sampled ?? p.total;
  const samples = samplesOf(m, smap).filter((s) => s.nated !== undefined);
  if (samples.length === 0) return { smap, predicted: want, agrees: false, note: `${smap}: no samples with entry counts` };
  const seen = Math.max(...samples.map((s) => s.nated!));
  const size = samples[0]!.rangeSize;
  // A range runs out when one protocol's ports fill it; the simulator counts entries, which can only be more.
  const exhaustedSeen = samples.some((s) => (s.busiest ?? s.total) >= size) || (m.natFailures?.[smap] ?? 0) > 0;
  const exhaustedPredicted = Math.max(p.tcp, p.udp) >= size;
  // The sampler sees at most the true peak, and at its instants what was alive then. Flows a
  // little late or early move a short peak onto or off a sample (game-racing's 17 entries
  // lasted under a second), so anything from the prediction at the samples to its peak agrees.
  const off = seen < want ? (want === 0 ? 1 : (want - seen) / want) : seen > p.total ? (p.total === 0 ? 1 : (seen - p.total) / p.total) : 0;
  // An exhausted range caps what is seen: only the verdicts compare.
  const agrees = exhaustedSeen === exhaustedPredicted && (exhaustedPredicted || off <= within);
  const sign = seen < want ? '-' : '+';
  const verdict = exhaustedSeen === exhaustedPredicted ? '' : `, ${exhaustedSeen ? 'exhausted' : 'not exhausted'} where the simulator says ${exhaustedPredicted ? 'exhausted' : 'not'}`;
  const predicted = p.sampled === undefined || p.sampled === p.total ? `${p.total}` : `${p.sampled} at the samples (${p.total} at its peak)`;
  return { smap, seen, predicted: want, off, agrees, note: `${smap}: seen ${seen}, predicted ${predicted}${exhaustedPredicted ? '' : ` (${sign}${percent(off)})`}${verdict}` };
}

function simulator(a: Extract<Assertion, { check: 'simulator' }>, m: Measured): CheckResult {
  const expected = `every SMAP's most NAT entries at once within ${percent(a.within)} of the simulator's (from its count at the sampler's instants to its peak), and the same verdict on exhaustion`;
  const predicted = Object.entries(m.predicted?.smaps ?? {}).filter(([smap]) => (a.smap === undefined || smap === a.smap) && !a.except.includes(smap));
  if (predicted.length === 0) return { outcome: 'no-data', expected, actual: 'no prediction (no traffic on that SMAP, or its timeouts could not be read)' };
  const rows = predicted.map(([smap, p]) => compareSmap(smap, p, m, a.within));
  const bad = rows.filter((r) => !r.agrees);
  const worst = [...rows].sort((x, y) => (y.off ?? Infinity) - (x.off ?? Infinity))[0]!;
  const shown = bad.length > 0 ? bad.slice(0, 5).map((r) => r.note).join('; ') + (bad.length > 5 ? '; ...' : '') : `furthest ${worst.note}`;
  const t = m.predicted!.timeouts;
  return {
    outcome: outcome(bad.length === 0), expected,
    actual: `${bad.length} of ${plural(rows.length, 'SMAP')} off: ${shown} (timeouts UDP ${t.udp} s, stream ${t.udpStream} s, TIME_WAIT ${t.tcpTimeWait} s)`,
    agreement: { within: a.within, smaps: rows.map(({ note: _, ...r }) => r) },
  };
}
