// MTU probes (docs/probes.md) as rows a person reads: what each found, in
// one sentence, and what ICMP told the client; and the ICMP counted per
// node by the captures.
import type { Measured, ProbeRecord } from '../../assert/measured-data';
import { byName } from './port-series';
import { plural } from '../plural';

export interface ProbeRow {
  readonly name: string;
  readonly kind: ProbeRecord['kind'];
  readonly client: string;
  readonly smap: string;
  readonly ok: boolean;
  /** What it found: "path MTU 1420 by echoes", "65536 of 1000000 bytes up, 1 stall (longest 9.9 s)"... */
  readonly found: string;
  /** The MTUs ICMP "fragmentation needed" announced to it, or "none". */
  readonly icmpSaid: string;
  readonly seconds: number;
}

export interface IcmpRow {
  readonly node: string;
  readonly fragNeeded: number;
  readonly packetTooBig: number;
}


export function probeFound(p: ProbeRecord): string {
  const why = p.reason ? ` (${p.reason})` : '';
  switch (p.kind) {
    case 'pmtu':
      return p.ok && p.pathMtu !== undefined ? `path MTU ${p.pathMtu} by echoes` : `no path MTU${why}`;
    case 'udp-df':
      return `${p.received ?? 0} of ${p.sent ?? 0} datagrams of ${p.size ?? '?'} bytes echoed; ${p.adapts ? 'adapts to ICMP' : 'ignores ICMP'}${p.ok ? '' : why}`;
    case 'tcp-bulk': {
      const stalls = p.stalls ? `, ${plural(p.stalls, 'stall')} (longest ${((p.longestStallMs ?? 0) / 1000).toFixed(1)} s)` : '';
      return `${p.ok ? 'complete' : `incomplete${why}`}: ${p.bytes ?? 0} of ${p.bytesWanted ?? '?'} bytes ${p.direction ?? 'up'}${stalls}`;
    }
  }
}

export const probeRows = (probes: readonly ProbeRecord[] = []): ProbeRow[] =>
  probes.map((p) => ({
    name: p.name, kind: p.kind, client: p.client, smap: p.smap, ok: p.ok, found: probeFound(p),
    icmpSaid: p.icmpMtus && p.icmpMtus.length > 0 ? p.icmpMtus.join(', ') : 'none',
    seconds: Math.round((p.ended - p.started) / 100) / 10,
  }));

export const icmpRows = (icmp: Measured['icmp'] = {}): IcmpRow[] =>
  Object.keys(icmp).sort(byName).map((node) => ({ node, fragNeeded: icmp[node]!.fragNeeded, packetTooBig: icmp[node]!.packetTooBig }));
