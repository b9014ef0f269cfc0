// Two real results from this machine (aplus run, trimmed: each flow keeps
// the fields the report reads), and hand-made MTU probe records and ICMP
// counts merged into one of them (those runs had none).
import { readFileSync } from 'node:fs';
import type { Measured } from '../../../../sim/assert/measured-data';
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
