// The IPv6 header (RFC 8200 3) and enough of the extension header chain
// (RFC 8200 4) to find the upper-layer protocol and a Fragment header (44).
import { fail, ok, type Parsed } from './result';

export const IPV6_HEADER = 40;

export const NEXT_HEADER = {
  hopByHop: 0,
  ipv4: 4, // IPv4-in-IPv6 (RFC 2473)
  tcp: 6,
  udp: 17,
  routing: 43,
  fragment: 44,
  icmpv6: 58,
  noNext: 59,
  destinationOptions: 60,
} as const;

export interface Ipv6Header {
  readonly trafficClass: number;
  readonly flowLabel: number;
  readonly payloadLength: number;
  readonly nextHeader: number;
  readonly hopLimit: number;
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
}

export interface Ipv6Fragment {
  /** In 8-octet units (RFC 8200 4.5). */
  readonly offset: number;
  readonly moreFragments: boolean;
  readonly identification: number;
}

export interface Ipv6Packet {
  readonly header: Ipv6Header;
  /** The protocol after the extension headers (e.g. 4, 6, 17, 58). */
  readonly upperProtocol: number;
  /** Bytes after the extension headers. */
  readonly upperPayload: Uint8Array;
  /** Everything after the fixed header, up to payload length. */
  readonly payload: Uint8Array;
  readonly fragment: Ipv6Fragment | undefined;
  readonly bytes: Uint8Array;
}

export function parseIpv6(bytes: Uint8Array): Parsed<Ipv6Packet> {
  if (bytes.length < IPV6_HEADER) return fail('truncated', `IPv6 header needs 40 bytes, got ${bytes.length}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const w0 = dv.getUint32(0);
  if (w0 >>> 28 !== 6) return fail('bad-version', `IP version ${w0 >>> 28}, expected 6`);
  const payloadLength = dv.getUint16(4);
  if (payloadLength === 0 && bytes.length > IPV6_HEADER && bytes[6] === NEXT_HEADER.hopByHop) {
    // Jumbograms (RFC 2675) never appear on the links the testbed uses.
    return fail('bad-payload-length', 'payload length 0 (jumbogram) is not supported');
  }
  const end = IPV6_HEADER + payloadLength;
  if (end > bytes.length) return fail('truncated', `payload length ${payloadLength}, got ${bytes.length - IPV6_HEADER} bytes`);
  const header: Ipv6Header = {
    trafficClass: (w0 >>> 20) & 0xff,
    flowLabel: w0 & 0xfffff,
    payloadLength,
    nextHeader: bytes[6]!,
    hopLimit: bytes[7]!,
    src: bytes.subarray(8, 24),
    dst: bytes.subarray(24, 40),
  };
  let next = header.nextHeader;
  let off = IPV6_HEADER;
  let fragment: Ipv6Fragment | undefined;
  // Walk the headers RFC 8200 4 defines with the generic length layout.
  for (;;) {
    if (next === NEXT_HEADER.fragment) {
      if (off + 8 > end) return fail('bad-extension', `fragment header at ${off} runs past the packet`);
      const fo = dv.getUint16(off + 2);
      fragment = { offset: fo >>> 3, moreFragments: (fo & 1) === 1, identification: dv.getUint32(off + 4) };
      next = bytes[off]!;
      off += 8;
      // Later fragments carry no upper-layer header to look into.
      if (fragment.offset !== 0) break;
    } else if (
      next === NEXT_HEADER.hopByHop ||
      next === NEXT_HEADER.routing ||
      next === NEXT_HEADER.destinationOptions
    ) {
      if (off + 8 > end) return fail('bad-extension', `extension header ${next} at ${off} runs past the packet`);
      const len = (bytes[off + 1]! + 1) * 8;
      if (off + len > end) return fail('bad-extension', `extension header ${next} length ${len} runs past the packet`);
      next = bytes[off]!;
      off += len;
    } else {
      break;
    }
  }
  return ok({
    header,
    upperProtocol: next,
    upperPayload: bytes.subarray(off, end),
    payload: bytes.subarray(IPV6_HEADER, end),
    fragment,
    bytes: bytes.subarray(0, end),
  });
}

export interface Ipv6Spec {
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly nextHeader: number;
  readonly hopLimit?: number;
  readonly trafficClass?: number;
  readonly flowLabel?: number;
  /** Insert a Fragment header (RFC 8200 4.5) before the payload. */
  readonly fragment?: Ipv6Fragment;
}

/** Builds the fixed header (plus an optional Fragment header) and payload. */
export function buildIpv6(spec: Ipv6Spec, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (spec.src.length !== 16 || spec.dst.length !== 16) throw new RangeError('IPv6 addresses must be 16 bytes');
  const ext = spec.fragment ? 8 : 0;
  const payloadLength = ext + payload.length;
  if (payloadLength > 0xffff) throw new RangeError(`IPv6 payload of ${payloadLength} bytes exceeds 65535`);
  const out = new Uint8Array(IPV6_HEADER + payloadLength);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, ((6 << 28) | ((spec.trafficClass ?? 0) << 20) | (spec.flowLabel ?? 0)) >>> 0);
  dv.setUint16(4, payloadLength);
  out[6] = spec.fragment ? NEXT_HEADER.fragment : spec.nextHeader;
  out[7] = spec.hopLimit ?? 64;
  out.set(spec.src, 8);
  out.set(spec.dst, 24);
  if (spec.fragment) {
    out[40] = spec.nextHeader;
    dv.setUint16(42, (spec.fragment.offset << 3) | (spec.fragment.moreFragments ? 1 : 0));
    dv.setUint32(44, spec.fragment.identification >>> 0);
  }
  out.set(payload, IPV6_HEADER + ext);
  return out;
}
