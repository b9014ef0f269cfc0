// The data plane's counters, a row per node: the PRR first, then each SMAP,
// with packets and bytes each way (upstream = SMAP -> Internet), the drops
// by reason (sim/aplus/core/counters.ts) and the NAT failures of each SMAP
// (conntrack insert_failed: where a range runs out).
import { isWithheldReply } from '../../aplus/core/counters';
import type { NodeCounters } from '../../assert/measured-data';
import { byName } from './port-series';

export interface CounterRow {
  readonly node: string;
  /** Absent when the node wrote no counters (a SMAP known only by its NAT failures). */
  readonly upstream?: { readonly packets: number; readonly bytes: number };
  readonly downstream?: { readonly packets: number; readonly bytes: number };
  /** Reasons with at least one drop, the most first. */
  readonly drops: ReadonlyArray<{ readonly reason: string; readonly count: number }>;
  /** Packets dropped: the ICMP replies withheld (isWithheldReply) are about packets counted already. */
  readonly totalDrops: number;
  readonly natFailures?: number;
}

const prrFirst = (a: string, b: string) => (a === 'prr' ? -1 : b === 'prr' ? 1 : byName(a, b));

export function counterRows(counters: Readonly<Record<string, NodeCounters>>, natFailures: Readonly<Record<string, number>> = {}): CounterRow[] {
  const nodes = [...new Set([...Object.keys(counters), ...Object.keys(natFailures)])].sort(prrFirst);
  return nodes.map((node): CounterRow => {
    const c = counters[node];
    const drops = Object.entries(c?.drops ?? {})
      .map(([reason, count]) => ({ reason, count: count ?? 0 }))
      .filter((d) => d.count > 0)
      .sort((a, b) => b.count - a.count || byName(a.reason, b.reason));
    const nat = natFailures[node];
    return {
      node,
      ...(c?.upstream ? { upstream: c.upstream } : {}),
      ...(c?.downstream ? { downstream: c.downstream } : {}),
      drops,
      totalDrops: drops.reduce((n, d) => n + (isWithheldReply(d.reason) ? 0 : d.count), 0),
      ...(nat !== undefined ? { natFailures: nat } : {}),
    };
  });
}
