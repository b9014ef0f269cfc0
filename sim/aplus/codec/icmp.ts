// ICMP for IPv4 (RFC 792: checksum over the message alone) and ICMPv6
// (RFC 4443 2.3: checksum over an IPv6 pseudo-header too). Both share the
// layout type, code, checksum, 4 bytes of "rest of header", body.
import { internetChecksum, pseudoHeaderFamily, upperLayerChecksum, type PseudoHeader } from './checksum';
import { fail, ok, type Parsed } from './result';

export const PROTO_ICMP = 1;
export const PROTO_ICMPV6 = 58;
export const ICMP_HEADER = 8;

export const ICMPV4_TYPE = { echoReply: 0, destUnreachable: 3, echoRequest: 8, timeExceeded: 11 } as const;
/** Destination unreachable code 4: fragmentation needed and DF set (RFC 792, RFC 1191). */
export const ICMPV4_CODE_FRAG_NEEDED = 4;
export const ICMPV6_TYPE = { destUnreachable: 1, packetTooBig: 2, timeExceeded: 3, echoRequest: 128, echoReply: 129 } as const;

export interface IcmpMessage {
  readonly type: number;
  readonly code: number;
  readonly checksum: number;
  /** The 4 bytes after the checksum: id+seq for echo, MTU for too-big, unused otherwise. */
  readonly rest: number;
  readonly body: Uint8Array;
}

/** True for ICMPv4 error types, which quote the offending datagram (RFC 792). */
export function isIcmpv4Error(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

function parseIcmp(bytes: Uint8Array, sum: () => number, what: string): Parsed<IcmpMessage> {
  if (bytes.length < ICMP_HEADER) return fail('truncated', `${what} header needs 8 bytes, got ${bytes.length}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (sum() !== 0) return fail('bad-checksum', `${what} checksum 0x${dv.getUint16(2).toString(16)} does not verify`);
  return ok({
    type: bytes[0]!,
    code: bytes[1]!,
    checksum: dv.getUint16(2),
    rest: dv.getUint32(4),
    body: bytes.subarray(ICMP_HEADER),
  });
}

/** Parses an ICMPv4 message (the whole IPv4 payload) and verifies its checksum. */
export function parseIcmpv4(bytes: Uint8Array): Parsed<IcmpMessage> {
  return parseIcmp(bytes, () => internetChecksum(bytes), 'ICMPv4');
}

/** Parses an ICMPv6 message; the checksum needs the IPv6 addresses (RFC 4443 2.3). */
export function parseIcmpv6(bytes: Uint8Array, pseudo: PseudoHeader): Parsed<IcmpMessage> {
  if (pseudoHeaderFamily(pseudo) !== 6) return fail('bad-checksum', 'ICMPv6 pseudo-header needs 16-byte addresses');
  return parseIcmp(bytes, () => upperLayerChecksum(pseudo, PROTO_ICMPV6, bytes), 'ICMPv6');
}

export interface IcmpSpec {
  readonly type: number;
  readonly code?: number;
  readonly rest?: number;
}

function layout(spec: IcmpSpec, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(ICMP_HEADER + body.length);
  const dv = new DataView(out.buffer);
  out[0] = spec.type;
  out[1] = spec.code ?? 0;
  dv.setUint32(4, (spec.rest ?? 0) >>> 0);
  out.set(body, ICMP_HEADER);
  return out;
}

export function buildIcmpv4(spec: IcmpSpec, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = layout(spec, body);
  new DataView(out.buffer).setUint16(2, internetChecksum(out));
  return out;
}

export function buildIcmpv6(spec: IcmpSpec, body: Uint8Array, pseudo: PseudoHeader): Uint8Array {
  if (pseudoHeaderFamily(pseudo) !== 6) throw new RangeError('ICMPv6 pseudo-header needs 16-byte addresses');
  const out = layout(spec, body);
  new DataView(out.buffer).setUint16(2, upperLayerChecksum(pseudo, PROTO_ICMPV6, out));
  return out;
}

/** Echo id and sequence packed into `rest` (RFC 792, RFC 4443 4.1). */
export function echoRest(identifier: number, sequence: number): number {
  return ((identifier & 0xffff) * 0x10000 + (sequence & 0xffff)) >>> 0;
}
