// The PRR (paper III-C1) as two pure functions: a tunnel packet from a SMAP
// to the Internet, and an Internet packet to the SMAP that owns its
// destination port. Stateless, as in the paper: every packet is judged alone.
import { bytesEqual } from '../codec/result';
import { ipv4ToText, ipv6ToText } from '../codec/address';
import { isFragment, parseIpv4 } from '../codec/ipv4';
import { PROTO_ICMP } from '../codec/icmp';
import type { Counters, DropReason } from './counters';
import type { Policy } from './policy';
import { formatPortSet, inPortSet } from './port-set';
import type { RangeTable } from './range-table';
import { icmpErrorWithheld } from './icmp-error-guard';
import { packetPort } from './icmp-dispatch';
import { fragmentationNeeded, type LearnedMtus } from './pmtu';
import type { TokenBucket } from './token-bucket';
import type { Drop, PrrDownstreamVerdict, PrrUpstreamVerdict } from './verdict';

/**
 * What tunnel PMTU discovery gives the PRR: the MTUs learned per SMAP, its
 * own IPv4 address to answer from, and the token bucket of its ICMP errors
 * with the clock (ms) to take from it: the daemon's, a test's fake one.
 */
export interface PrrPmtu {
  readonly mtus: LearnedMtus;
  readonly from: Uint8Array;
  readonly limit: TokenBucket;
  readonly now: () => number;
}

function drop(counters: Counters, reason: DropReason, detail: string, smap = -1): Drop {
  return { kind: 'drop', reason, detail, first: counters.countDrop(reason, smap) };
}

/**
 * A packet read from the raw IPv6 socket: `srcV6` from recvfrom, `inner` the
 * payload (the kernel strips the IPv6 header). Forwarded to the Internet only
 * if it really comes from the SMAP owning its source port.
 */
export function prrUpstream(
  table: RangeTable,
  policy: Policy,
  counters: Counters,
  srcV6: Uint8Array,
  inner: Uint8Array,
): PrrUpstreamVerdict {
  const smap = table.smapBySource(srcV6);
  if (smap < 0) return drop(counters, 'unknown-smap', `IPv6 source ${srcV6.length === 16 ? ipv6ToText(srcV6) : `(${srcV6.length} bytes)`} is not a SMAP`);
  const parsed = parseIpv4(inner);
  if (!parsed.ok) return drop(counters, 'malformed', `${parsed.reason}: ${parsed.detail}`, smap);
  const pkt = parsed.value;
  const h = pkt.header;
  // ICMP is judged before the source: the paper's SMAP SNATs only TCP and UDP
  // (Appendix C), so a client's ping arrives un-NATed, and what stops it is
  // that ICMP does not cross the PRR (paper IV-C), which is what is counted.
  // With 'translate' the SMAP NATs ICMP too, and it is judged as TCP and UDP
  // are, its port being its echo identifier or its quoted packet's.
  if (h.protocol === PROTO_ICMP && policy.icmp === 'drop') {
    return drop(counters, 'icmp', 'ICMPv4 has no port to check (paper IV-C)', smap);
  }
  const s = table.smaps[smap]!;
  // A SMAP speaks only for its share of its shared address (paper III-A).
  if (!bytesEqual(h.src, s.shared)) {
    return drop(counters, 'spoofed-source', `inner source ${ipv4ToText(h.src)} is not ${s.name}'s shared address ${ipv4ToText(s.shared)}`, smap);
  }
  if (isFragment(h) && policy.fragments === 'drop') {
    return drop(counters, 'fragment', `fragment id ${h.identification} offset ${h.fragmentOffset * 8}`, smap);
  }
  const found = packetPort(pkt, 'up');
  if (!found.ok) return drop(counters, found.reason, found.detail, smap);
  const port = found.port;
  if (!inPortSet(s.ports, port)) {
    return drop(counters, 'spoofed-port', `${s.name} sent from port ${port}, outside ${formatPortSet(s.ports)}`, smap);
  }
  // The kernel forwards it from the TUN, TTL - 1, and drops what would leave
  // with TTL 0 (RFC 1812 5.2.3.8): dropped here instead, and counted. A packet
  // for the PRR itself is delivered whatever its TTL (RFC 1812 5.3.1). When
  // ICMP is translated the kernel has it, to send its Time Exceeded to the
  // shared address, which comes back down by the quoted port (traceroute).
  if (h.ttl <= 1 && policy.icmp === 'drop' && !(table.prr && bytesEqual(h.dst, table.prr))) {
    return drop(counters, 'ttl-exceeded', `TTL ${h.ttl} to ${ipv4ToText(h.dst)}: forwarded, it would have TTL 0`, smap);
  }
  counters.countUpstream(pkt.bytes.length, smap);
  // Unchanged: the kernel routing it out of the TUN decrements the TTL.
  return { kind: 'forward', packet: pkt.bytes };
}

/**
 * A packet read from the PRR's TUN (the Internet side), for a shared
 * address: sent to the SMAP that owns the destination port of that address,
 * or dropped.
 */
export function prrDownstream(table: RangeTable, policy: Policy, counters: Counters, ipv4: Uint8Array, pmtu?: PrrPmtu): PrrDownstreamVerdict {
  const parsed = parseIpv4(ipv4);
  if (!parsed.ok) return drop(counters, 'malformed', `${parsed.reason}: ${parsed.detail}`);
  const pkt = parsed.value;
  const h = pkt.header;
  const shared = table.sharedIndex(h.dst);
  if (shared < 0) return drop(counters, 'not-shared', `destination ${ipv4ToText(h.dst)} is not a shared address`);
  if (isFragment(h) && policy.fragments === 'drop') {
    return drop(counters, 'fragment', `fragment id ${h.identification} offset ${h.fragmentOffset * 8}`);
  }
  if (h.protocol === PROTO_ICMP && policy.icmp === 'drop') {
    return drop(counters, 'icmp', 'ICMPv4 has no port to dispatch on (paper IV-C)');
  }
  const found = packetPort(pkt, 'down');
  if (!found.ok) return drop(counters, found.reason, found.detail);
  const port = found.port;
  const smap = table.ownerOfPort(port, shared);
  // "If the destination port isn't in a Port Range of a client, it is dropped" (paper III-C1).
  if (smap < 0) return drop(counters, 'no-owner', `port ${port} of ${ipv4ToText(h.dst)} is in no SMAP's ports`);
  // The kernel decremented the TTL routing it here, and never routes TTL 0 on;
  // nor does a router send TTL 0 into a tunnel (RFC 1812 4.2.2.9).
  if (h.ttl === 0) return drop(counters, 'ttl-exceeded', 'TTL 0: never sent on', smap);
  const s = table.smaps[smap]!;
  // With DF set the tunnel may not fragment the inner packet (RFC 2473 7.1);
  // without DF the kernel fragments the IPv6 packet, so it still gets through.
  const mtu = pmtu ? pmtu.mtus.of(smap) : s.mtu;
  if (h.dontFragment && pkt.bytes.length > mtu) {
    const detail = `${pkt.bytes.length} bytes with DF > ${s.name} tunnel MTU ${mtu}`;
    const dropped = drop(counters, 'too-big', detail, smap);
    if (policy.tooBig === 'drop' || !pmtu) return dropped;
    // The packet stays dropped as too-big; the verdict names why no reply went.
    const withheld = icmpErrorWithheld(pkt);
    if (withheld) return drop(counters, withheld.reason, `${detail}: no ICMP to ${ipv4ToText(h.src)}, ${withheld.why} (RFC 1812 4.3.2.7)`, smap);
    if (!pmtu.limit.take(pmtu.now())) return drop(counters, 'icmp-rate-limited', `${detail}: no ICMP to ${ipv4ToText(h.src)}, over the ICMP rate limit (RFC 1812 4.3.2.8)`, smap);
    return { kind: 'reply', packet: fragmentationNeeded(pmtu.from, pkt, mtu), dropped };
  }
  counters.countDownstream(pkt.bytes.length, smap);
  return { kind: 'encap', dst: s.ipv6, smap, inner: pkt.bytes };
}
