// One user's NAT ports over time, from the generator's own plan
// (plan-items.ts): each flow takes a port of its protocol from its start
// until its flow ends plus the conntrack timeout that then applies, as the
// paper counted conntrack entries (II-A). NAT port sets are per protocol,
// so TCP and UDP are counted apart.
import type { ConntrackTimeouts } from '../traffic/conntrack-timeouts';
import type { Plan, PlannedItem, UdpItem } from '../traffic/generator/plan-items';

export type Protocol = 'tcp' | 'udp';

/** A port taken from `from` to `to`, seconds from the user's start. */
export interface PortHold {
  readonly protocol: Protocol;
  readonly from: number;
  readonly to: number;
}

/** The most ports taken at once: per protocol, and of both together. */
export interface Peaks {
  readonly tcp: number;
  readonly udp: number;
  readonly total: number;
}

/** Linux gives a UDP entry the stream timeout once it is still active 2 s after its first reply (nf_conntrack_proto_udp.c). */
const STREAM_AFTER_S = 2;

const isStream = (it: UdpItem) => it.hold >= STREAM_AFTER_S && it.rate * it.hold >= 2;

export const protocolOf = (it: PlannedItem): Protocol => (it.kind === 'tcp' || it.kind === 'peers' ? 'tcp' : 'udp');

/**
 * When the NAT frees an item's port, seconds. DNS: one query, one answer, so
 * the entry never becomes a stream: udp. UDP flows: echoed both ways for
 * `hold` seconds; a stream if that lasts 2 s and two packets or more. TCP:
 * closed after `hold`, then TIME_WAIT (the FIN exchange before it takes a
 * round trip, left out).
 */
export function releaseAt(it: PlannedItem, ct: Pick<ConntrackTimeouts, 'udp' | 'udpStream' | 'tcpTimeWait'>): number {
  switch (it.kind) {
    case 'dns':
      return it.at + ct.udp;
    case 'udp':
      return it.at + it.hold + (isStream(it) ? ct.udpStream : ct.udp);
    case 'tcp':
    case 'peers':
      return it.at + it.hold + ct.tcpTimeWait;
  }
}

export const portHold = (it: PlannedItem, ct: Pick<ConntrackTimeouts, 'udp' | 'udpStream' | 'tcpTimeWait'>): PortHold =>
  ({ protocol: protocolOf(it), from: it.at, to: releaseAt(it, ct) });

/** Microseconds, as integers: times that should meet do meet (port-demand.ts rounds the same way). */
const us = (t: number) => Math.round(t * 1e6);

/**
 * Reusable buffers, so that a million users allocate nothing per user but
 * their plans. Starts come sorted (a plan is in time order); ends are sorted here.
 */
export class PeakScratch {
  private tcpStarts = new Float64Array(256);
  private tcpEnds = new Float64Array(256);
  private udpStarts = new Float64Array(256);
  private udpEnds = new Float64Array(256);
  private allStarts = new Float64Array(256);
  private allEnds = new Float64Array(256);

  private fit(n: number): void {
    if (n <= this.allStarts.length) return;
    const size = 2 ** Math.ceil(Math.log2(n));
    this.tcpStarts = new Float64Array(size);
    this.tcpEnds = new Float64Array(size);
    this.udpStarts = new Float64Array(size);
    this.udpEnds = new Float64Array(size);
    this.allStarts = new Float64Array(size);
    this.allEnds = new Float64Array(size);
  }

  peaks(plan: Plan, ct: ConntrackTimeouts): Peaks {
    const items = plan.items;
    this.fit(items.length);
    let nt = 0;
    let nu = 0;
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      const from = us(it.at);
      this.allStarts[i] = from;
      if (protocolOf(it) === 'tcp') {
        this.tcpStarts[nt] = from;
        this.tcpEnds[nt++] = us(releaseAt(it, ct));
      } else {
        this.udpStarts[nu] = from;
        this.udpEnds[nu++] = us(releaseAt(it, ct));
      }
    }
    const tcpEnds = this.tcpEnds.subarray(0, nt).sort();
    const udpEnds = this.udpEnds.subarray(0, nu).sort();
    mergeSorted(tcpEnds, udpEnds, this.allEnds);
    return {
      tcp: sweep(this.tcpStarts, nt, tcpEnds),
      udp: sweep(this.udpStarts, nu, udpEnds),
      total: sweep(this.allStarts, items.length, this.allEnds),
    };
  }
}

function mergeSorted(a: Float64Array, b: Float64Array, out: Float64Array): void {
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
}

/** The most intervals open at once; a port released at t is free for a flow starting at t (as portDemand). */
function sweep(starts: Float64Array, n: number, ends: Float64Array): number {
  let open = 0;
  let most = 0;
  for (let i = 0, j = 0; i < n; ) {
    if (ends[j]! <= starts[i]!) {
      open--;
      j++;
    } else {
      open++;
      i++;
      if (open > most) most = open;
    }
  }
  return most;
}

/** The peaks of any holds (several users on one SMAP, each from its own start). */
export function peaksOfHolds(holds: readonly PortHold[]): Peaks {
  const of = (p?: Protocol) => {
    const hs = p === undefined ? holds : holds.filter((h) => h.protocol === p);
    const starts = Float64Array.from(hs, (h) => us(h.from)).sort();
    return sweep(starts, starts.length, Float64Array.from(hs, (h) => us(h.to)).sort());
  };
  return { tcp: of('tcp'), udp: of('udp'), total: of() };
}

/** One user's peaks (a fresh scratch: for tests and one-offs). */
export const peaksOf = (plan: Plan, ct: ConntrackTimeouts): Peaks => new PeakScratch().peaks(plan, ct);
