// Port extraction from an IPv4 datagram, what the PRR dispatches on (paper
// III-C1: "reads the IP packet and the TCP/UDP header"). Only the two port
// fields are needed: TCP (RFC 793) and UDP (RFC 768) both start with them.
import { isFragment, parseIpv4, type Ipv4Packet } from './ipv4';
import { fail, ok, type Parsed } from './result';
import { PROTO_TCP } from './tcp';
import { PROTO_UDP } from './udp';

export interface Ports {
  readonly protocol: typeof PROTO_TCP | typeof PROTO_UDP;
  readonly srcPort: number;
  readonly dstPort: number;
}

export function isPortProtocol(protocol: number): protocol is Ports['protocol'] {
  return protocol === PROTO_TCP || protocol === PROTO_UDP;
}

/**
 * Ports of a parsed TCP or UDP datagram. Refuses non-first fragments, which
 * have no transport header, and first fragments or datagrams too short for
 * the full transport header (20 bytes TCP, 8 UDP).
 */
export function portsOf(packet: Ipv4Packet): Parsed<Ports> {
  const { protocol, fragmentOffset } = packet.header;
  if (!isPortProtocol(protocol)) return fail('no-ports', `protocol ${protocol} has no ports`);
  if (fragmentOffset !== 0) return fail('no-ports', `fragment at offset ${fragmentOffset * 8} has no transport header`);
  const p = packet.payload;
  const need = protocol === PROTO_TCP ? 20 : 8;
  if (p.length < need) {
    return fail('truncated', `${protocol === PROTO_TCP ? 'TCP' : 'UDP'} header needs ${need} bytes, got ${p.length}`);
  }
  return ok({ protocol, srcPort: (p[0]! << 8) | p[1]!, dstPort: (p[2]! << 8) | p[3]! });
}

/** Parses an IPv4 datagram and returns its ports, or why not. */
export function ipv4Ports(bytes: Uint8Array): Parsed<Ports & { readonly fragment: boolean }> {
  const parsed = parseIpv4(bytes);
  if (!parsed.ok) return parsed;
  const ports = portsOf(parsed.value);
  if (!ports.ok) return ports;
  return ok({ ...ports.value, fragment: isFragment(parsed.value.header) });
}
