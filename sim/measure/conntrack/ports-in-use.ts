// Ports of the shared address in use on one SMAP, from one conntrack sample,
// counted per class as the paper's Table I does (II-A). The port that
// matters is the one the NAT chose: for an SNATed entry it is the reply
// tuple's destination port (Table V: "dport=1517" where the client used
// 4000). A mapped port outside the SMAP's ports must never happen: the PRR
// would send the answer to another SMAP or drop it (III); it is reported.
import { inPortSet, type PortSet } from '../../aplus/core/port-set';
import { classOfPort, type ClassCounts, type PortClass } from '../../traffic/port-class';
import type { ConntrackEntry } from './conntrack-entry';

export interface SmapPortSpace {
  /** The SMAP's shared IPv4 address. */
  readonly shared: string;
  /** Its ports of it: a range, or a PSID set. */
  readonly range: PortSet;
}

/** One entry's use of the shared address. */
export interface MappedPort {
  readonly l4: string;
  /** The port (or ICMP id) on the shared address. */
  readonly port: number;
  readonly class: PortClass;
  readonly entry: ConntrackEntry;
}

export interface PortsInUse extends ClassCounts {
  /** Entries in the sample, of any kind. */
  readonly entries: number;
  /** Entries on the shared address (SNATed, or the SMAP's own). */
  readonly nated: number;
  /** Mapped ports outside the range: must stay empty. */
  readonly outOfRange: readonly MappedPort[];
  /** Ports in use per protocol: TCP and UDP ports are separate spaces, each of the range's size. */
  readonly byProtocol: Readonly<Record<string, number>>;
}

/** The shared-address port of an entry, or undefined when it does not use the shared address. */
export function mappedPort(e: ConntrackEntry, shared: string): MappedPort | undefined {
  if (e.reply.dst !== shared) return undefined;
  const port = e.reply.dport ?? e.reply.icmp?.id;
  if (port === undefined) return undefined;
  // The service is where the client meant to go: the original destination port.
  const cls = e.original.dport === undefined ? 'other' : classOfPort(e.original.dport);
  return { l4: e.l4, port, class: cls, entry: e };
}

/**
 * Distinct ports per class: TCP and UDP ports are separate spaces, and the
 * kernel may reuse one port towards distinct destinations, so `total` (the
 * distinct ports of all classes) can be less than the sum of the classes.
 */
export function portsInUse(entries: readonly ConntrackEntry[], smap: SmapPortSpace): PortsInUse {
  const byClass: Record<PortClass, Set<string>> = { dns: new Set(), http: new Set(), https: new Set(), other: new Set() };
  const all = new Set<string>();
  const outOfRange: MappedPort[] = [];
  let nated = 0;
  const byProtocol = new Map<string, Set<number>>();
  for (const e of entries) {
    const m = mappedPort(e, smap.shared);
    if (!m) continue;
    nated++;
    const key = `${m.l4}/${m.port}`;
    byClass[m.class].add(key);
    all.add(key);
    if (!byProtocol.has(m.l4)) byProtocol.set(m.l4, new Set());
    byProtocol.get(m.l4)!.add(m.port);
    if (!inPortSet(smap.range, m.port)) outOfRange.push(m);
  }
  return {
    entries: entries.length,
    nated,
    dns: byClass.dns.size,
    http: byClass.http.size,
    https: byClass.https.size,
    other: byClass.other.size,
    total: all.size,
    outOfRange,
    byProtocol: Object.fromEntries([...byProtocol].map(([p, set]) => [p, set.size])),
  };
}

/** The most of each class over several samples, and every out-of-range port seen. */
export function maxPortsInUse(samples: readonly PortsInUse[]): ClassCounts & { readonly outOfRange: readonly MappedPort[] } {
  const m = { dns: 0, http: 0, https: 0, other: 0, total: 0 };
  for (const s of samples) for (const k of ['dns', 'http', 'https', 'other', 'total'] as const) m[k] = Math.max(m[k], s[k]);
  return { ...m, outOfRange: samples.flatMap((s) => s.outOfRange) };
}
