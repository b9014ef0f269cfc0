// ICMP across the PRR (policy icmp: 'translate'; RFC 7596 section 8, RFC 7597
// section 9): the port of the shared address an ICMPv4 message belongs to.
// An echo's identifier is its port: the SMAP's NAT maps it into the SMAP's
// ports as it maps a TCP or UDP port. An error (RFC 792) belongs to the
// packet it quotes: one the shared address sent (downstream: its source port,
// or its identifier for a quoted echo) or received (upstream, a client's
// error about a packet from the Internet: its destination port).
import { PROTO_ICMP, ICMPV4_TYPE, isIcmpv4Error } from '../codec/icmp';
import { PROTO_TCP } from '../codec/tcp';
import { PROTO_UDP } from '../codec/udp';
import { bytesEqual, fail, ok, type Parsed } from '../codec/result';
import type { Ipv4Packet } from '../codec/ipv4';
import { isPortProtocol, portsOf } from '../codec/ports';

export interface IcmpPort {
  readonly port: number;
  readonly kind: 'echo' | 'error';
}

const isEcho = (type: number) => type === ICMPV4_TYPE.echoRequest || type === ICMPV4_TYPE.echoReply;

/**
 * The quoted datagram of an error: an IPv4 header and at least the 8 bytes
 * after it (RFC 792), read leniently: it is cut, so its lengths and checksum
 * are not the whole packet's.
 */
function quoted(body: Uint8Array): Parsed<{ protocol: number; src: Uint8Array; dst: Uint8Array; l4: Uint8Array }> {
  if (body.length < 28 || body[0]! >> 4 !== 4) return fail('truncated', `quotes ${body.length} bytes, not an IPv4 header and 8 bytes`);
  const ihl = (body[0]! & 0x0f) * 4;
  if (ihl < 20 || body.length < ihl + 8) return fail('truncated', `quoted header of ${ihl} bytes with ${body.length - ihl} after it`);
  if ((((body[6]! << 8) | body[7]!) & 0x1fff) !== 0) return fail('no-ports', 'quotes a fragment other than the first');
  return ok({ protocol: body[9]!, src: body.subarray(12, 16), dst: body.subarray(16, 20), l4: body.subarray(ihl) });
}

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;

/** The quoted packet's port on the shared address's side: `side` 'src' (sent by it) or 'dst' (sent to it). */
function quotedPort(body: Uint8Array, shared: Uint8Array, side: 'src' | 'dst'): Parsed<number> {
  const q = quoted(body);
  if (!q.ok) return q;
  const { protocol, l4 } = q.value;
  if (!bytesEqual(side === 'src' ? q.value.src : q.value.dst, shared)) {
    return fail('no-ports', `quotes a packet ${side === 'src' ? 'from' : 'to'} another address than the shared one`);
  }
  if (protocol === PROTO_TCP || protocol === PROTO_UDP) return ok(u16(l4, side === 'src' ? 0 : 2));
  // A quoted echo request (sent by the shared address) or reply (to it) is its identifier's.
  if (protocol === PROTO_ICMP && isEcho(l4[0]!)) return ok(u16(l4, 4));
  return fail('no-ports', `quotes IP protocol ${protocol}, which has no port`);
}

/**
 * An ICMPv4 message (the IPv4 payload) of the shared address: the port it
 * belongs to. `up`: a SMAP sends it from the shared address; `down`: it is
 * sent to the shared address.
 */
export function icmpPort(message: Uint8Array, shared: Uint8Array, direction: 'up' | 'down'): Parsed<IcmpPort> {
  if (message.length < 8) return fail('truncated', `ICMP header needs 8 bytes, got ${message.length}`);
  const type = message[0]!;
  if (isEcho(type)) return ok({ port: u16(message, 4), kind: 'echo' });
  if (!isIcmpv4Error(type)) return fail('no-ports', `ICMP type ${type} is neither an echo nor an error`);
  const port = quotedPort(message.subarray(8), shared, direction === 'down' ? 'src' : 'dst');
  return port.ok ? ok({ port: port.value, kind: 'error' }) : port;
}

/**
 * The port of the shared address a packet belongs to, for the PRR's checks
 * and dispatch: TCP and UDP by their own port (source up, destination down),
 * ICMP by icmpPort (only reached with the translate policy). The shared
 * address is the packet's own source (up) or destination (down), already
 * checked. Why not, as the PRR's drop reason.
 */
export function packetPort(pkt: Ipv4Packet, direction: 'up' | 'down'):
  { readonly ok: true; readonly port: number } | { readonly ok: false; readonly reason: 'protocol' | 'malformed' | 'icmp'; readonly detail: string } {
  const h = pkt.header;
  if (h.protocol === PROTO_ICMP) {
    const p = icmpPort(pkt.payload, direction === 'up' ? h.src : h.dst, direction);
    return p.ok ? { ok: true, port: p.value.port } : { ok: false, reason: 'icmp', detail: `ICMP with no port of the shared address: ${p.detail}` };
  }
  if (!isPortProtocol(h.protocol)) return { ok: false, reason: 'protocol', detail: `IP protocol ${h.protocol}` };
  const ports = portsOf(pkt);
  if (!ports.ok) return { ok: false, reason: 'malformed', detail: `${ports.reason}: ${ports.detail}` };
  return { ok: true, port: direction === 'up' ? ports.value.srcPort : ports.value.dstPort };
}
