// Two real results from this machine (aplus run, trimmed: each flow keeps
// the fields the report reads), and hand-made MTU probe records and ICMP
// counts merged into one of them (those runs had none), and a hand-made
// prediction of the simulator added to it (withPrediction).
import { readFileSync } from 'node:fs';
import { assertionSchema, evaluateAssertion, type AssertionInput, type Measured } from '../../../../sim/assert/index';
import type { ScenarioResult } from '../../../../sim/scenario/run-scenario';

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

/** range-10-web-facebook: one client, a 10-port range exhausted, delivery failing as the known bug says. */
export const range10 = read('range-10-result.json') as ScenarioResult;

/** seed-2010-sharing: two rooms, four clients, two profiles, everything delivered. */
export const seed2010 = read('seed-2010-result.json') as ScenarioResult;

const mtu = read('mtu-measured.json') as Required<Pick<Measured, 'probes' | 'icmp'>>;

/** seed-2010 with MTU probes and ICMP counts. */
export const withProbes: ScenarioResult = { ...seed2010, measured: { ...seed2010.measured, probes: mtu.probes, icmp: mtu.icmp } };

export const EVIL = '<script>alert(1)</script>';

/**
 * A result with a prediction (check: simulator) made from one without: each
 * sample counts as many NAT entries as ports (`nated` = `total`: no port
 * reused), and the simulator is made to predict each SMAP's entries times
 * `factor[SMAP]` at every instant the sampler looked. The check's verdict is
 * evaluated on that, as a run evaluates it, and appended.
 */
export function withPrediction(r: ScenarioResult, factor: Readonly<Record<string, number>>, check: AssertionInput = { check: 'simulator' }): ScenarioResult {
  const ports = r.measured.ports.map((p) => ({ ...p, nated: p.total }));
  const smaps = Object.fromEntries(Object.entries(factor).map(([smap, f]) => {
    const series = ports.filter((p) => p.smap === smap).sort((a, b) => a.at - b.at).map((p) => [p.at, Math.round(p.total * f)] as const);
    const sampled = Math.max(...series.map(([, n]) => n));
    return [smap, { tcp: sampled, udp: 0, total: sampled, sampled, series }];
  }));
  const measured: Measured = { ...r.measured, ports, predicted: { timeouts: { udp: 30, udpStream: 120, tcpTimeWait: 120 }, smaps } };
  const verdict = evaluateAssertion(assertionSchema.parse(check), measured, r.verdicts.length);
  return { ...r, pass: r.pass && verdict.pass, measured, verdicts: [...r.verdicts, verdict] };
}

/** seed-2010 predicted exactly in room1 and a third too high in room2: the check fails there. */
export const predictedOff = withPrediction(seed2010, { room1: 1, room2: 4 / 3 });
