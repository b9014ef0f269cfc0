// When a router must not answer a packet with an ICMP error (RFC 1812
// 4.3.2.7, after RFC 1122 3.2.2): the packet's source is not one host, the
// packet is itself an ICMP error, or it is a fragment other than the first.
// The packet is dropped either way; only the reply is withheld.
import { PROTO_ICMP } from '../codec/icmp';
import type { Ipv4Packet } from '../codec/ipv4';

export type IcmpWithheld = 'icmp-withheld-source' | 'icmp-withheld-error' | 'icmp-withheld-fragment';

/** ICMP types that are errors (RFC 792, RFC 1122 3.2.2): destination unreachable, source quench, redirect, time exceeded, parameter problem. */
const ICMP_ERROR_TYPES = new Set([3, 4, 5, 11, 12]);

/**
 * Why `src` names no single host (RFC 1812 4.3.2.7, 5.3.7), or undefined
 * when it may be answered: 0.0.0.0/8 ("this network"), 127.0.0.0/8
 * (loopback), 224.0.0.0/4 (multicast), 240.0.0.0/4 (class E, with the
 * limited broadcast 255.255.255.255).
 */
export function notAUniqueHost(src: Uint8Array): string | undefined {
  const a = src[0]!;
  if (a === 0) return 'a source in 0.0.0.0/8';
  if (a === 127) return 'a loopback source';
  if (src.every((b) => b === 255)) return 'the limited broadcast source';
  if (a >= 240) return 'a class E source';
  if (a >= 224) return 'a multicast source';
  return undefined;
}

/** Why no ICMP error may answer `pkt`, as a counter and a phrase for the log, or undefined when one may. */
export function icmpErrorWithheld(pkt: Ipv4Packet): { reason: IcmpWithheld; why: string } | undefined {
  const h = pkt.header;
  const source = notAUniqueHost(h.src);
  if (source) return { reason: 'icmp-withheld-source', why: source };
  if (h.fragmentOffset !== 0) return { reason: 'icmp-withheld-fragment', why: `a fragment at offset ${h.fragmentOffset * 8}` };
  if (h.protocol === PROTO_ICMP) {
    const type = pkt.payload[0];
    if (type === undefined || ICMP_ERROR_TYPES.has(type)) return { reason: 'icmp-withheld-error', why: `an ICMP error (type ${type ?? 'missing'})` };
  }
  return undefined;
}
