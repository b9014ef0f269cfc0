// Tunnel PMTU discovery (paper IV-D: "The Linksys and PRR should listen to
// ICMPv6 to dynamically discover the path MTU"), as pure functions: read an
// ICMPv6 Packet Too Big about a tunnel packet, keep the tunnel MTU learned
// per peer, and answer an IPv4 packet that no longer fits with ICMP
// "fragmentation needed" (RFC 2473 7.1, RFC 1191), as a tunnel entry does.
import { ICMPV4_CODE_FRAG_NEEDED, ICMPV4_TYPE, ICMPV6_TYPE, PROTO_ICMP, buildIcmpv4 } from '../codec/icmp';
import { buildIpv4, type Ipv4Packet } from '../codec/ipv4';

/** The IPv6 header the kernel adds to every tunnel packet (no options, RFC 2473 without the encapsulation limit). */
export const TUNNEL_OVERHEAD = 40;
/** IPv6's minimum link MTU (RFC 8200 5): no path is narrower, so no tunnel MTU below 1280 - 40. */
export const MIN_TUNNEL_MTU = 1280 - TUNNEL_OVERHEAD;
const NEXT_HEADER_IPV4 = 4;
const NEXT_HEADER_FRAGMENT = 44;

export interface PacketTooBig {
  /** The MTU the router announced. */
  readonly mtu: number;
  /** The destination of the packet that did not fit: the tunnel peer. */
  readonly dst: Uint8Array;
}

/**
 * An ICMPv6 message as a raw ICMPv6 socket gives it (no IPv6 header): a
 * Packet Too Big (RFC 4443 3.2) about one of our tunnel packets (next header
 * 4, or a fragment of one), or undefined for anything else.
 */
export function parsePacketTooBig(msg: Uint8Array): PacketTooBig | undefined {
  // type, code, checksum, MTU, then at least the invoking packet's IPv6 header.
  if (msg.length < 8 + 40 || msg[0] !== ICMPV6_TYPE.packetTooBig || msg[1] !== 0) return undefined;
  const dv = new DataView(msg.buffer, msg.byteOffset, msg.byteLength);
  const inner = msg.subarray(8);
  if (inner[0]! >> 4 !== 6) return undefined;
  const next = inner[6];
  if (next !== NEXT_HEADER_IPV4 && next !== NEXT_HEADER_FRAGMENT) return undefined;
  return { mtu: dv.getUint32(4), dst: inner.slice(24, 40) };
}

/** The tunnel MTU a Packet Too Big implies: its MTU less the IPv6 header, never below IPv6's minimum. */
export function tunnelMtuFor(pathMtu: number): number {
  return Math.max(MIN_TUNNEL_MTU, pathMtu - TUNNEL_OVERHEAD);
}

/** Tunnel MTUs learned per peer (the PRR's SMAPs by index); only ever lowered. */
export class LearnedMtus {
  private readonly mtus: Uint16Array;
  constructor(configured: readonly number[]) {
    this.mtus = Uint16Array.from(configured);
  }
  of(peer: number): number {
    return this.mtus[peer] ?? 0;
  }
  /** Lowers the peer's MTU; true when it changed. */
  lower(peer: number, mtu: number): boolean {
    if (peer < 0 || peer >= this.mtus.length || mtu >= this.mtus[peer]!) return false;
    this.mtus[peer] = mtu;
    return true;
  }
}

/**
 * ICMP "fragmentation needed and DF set" (RFC 792, next-hop MTU per RFC
 * 1191) from `from` to the packet's source, quoting its header and first 8
 * bytes of payload, as a router does.
 */
export function fragmentationNeeded(from: Uint8Array, pkt: Ipv4Packet, mtu: number): Uint8Array {
  const quoted = pkt.bytes.subarray(0, Math.min(pkt.bytes.length, pkt.header.headerLength + 8));
  const icmp = buildIcmpv4({ type: ICMPV4_TYPE.destUnreachable, code: ICMPV4_CODE_FRAG_NEEDED, rest: mtu & 0xffff }, quoted);
  return buildIpv4({ src: from, dst: pkt.header.src, protocol: PROTO_ICMP, ttl: 64 }, icmp);
}
