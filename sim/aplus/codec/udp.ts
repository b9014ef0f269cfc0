// The UDP header (RFC 768) with its pseudo-header checksum. Over IPv4 a zero
// checksum means "none"; over IPv6 it is not allowed (RFC 8200 8.1).
import { pseudoHeaderFamily, upperLayerChecksum, type PseudoHeader } from './checksum';
import { fail, ok, type Parsed } from './result';

export const PROTO_UDP = 17;
export const UDP_HEADER = 8;

export interface UdpHeader {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly length: number;
  readonly checksum: number;
}

export interface UdpDatagram {
  readonly header: UdpHeader;
  /** The bytes the length field covers after the header. */
  readonly payload: Uint8Array;
}

export function parseUdp(bytes: Uint8Array, pseudo?: PseudoHeader): Parsed<UdpDatagram> {
  if (bytes.length < UDP_HEADER) return fail('truncated', `UDP header needs 8 bytes, got ${bytes.length}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = dv.getUint16(4);
  if (length < UDP_HEADER) return fail('bad-length', `UDP length ${length} < 8`);
  if (length > bytes.length) return fail('truncated', `UDP length ${length}, got ${bytes.length} bytes`);
  const checksum = dv.getUint16(6);
  if (pseudo) {
    const family = pseudoHeaderFamily(pseudo);
    if (!family) return fail('bad-checksum', 'pseudo-header addresses are not 4+4 or 16+16 bytes');
    if (checksum === 0) {
      if (family === 6) return fail('bad-checksum', 'zero UDP checksum over IPv6 (RFC 8200 8.1)');
    } else if (upperLayerChecksum(pseudo, PROTO_UDP, bytes.subarray(0, length)) !== 0) {
      return fail('bad-checksum', `UDP checksum 0x${checksum.toString(16)} does not verify`);
    }
  }
  return ok({
    header: { srcPort: dv.getUint16(0), dstPort: dv.getUint16(2), length, checksum },
    payload: bytes.subarray(UDP_HEADER, length),
  });
}

export interface UdpSpec {
  readonly srcPort: number;
  readonly dstPort: number;
  /** Send no checksum (0); only legal over IPv4 (RFC 768). */
  readonly noChecksum?: boolean;
}

export function buildUdp(spec: UdpSpec, payload: Uint8Array, pseudo: PseudoHeader): Uint8Array {
  const family = pseudoHeaderFamily(pseudo);
  if (!family) throw new RangeError('pseudo-header addresses must be 4+4 or 16+16 bytes');
  const length = UDP_HEADER + payload.length;
  if (length > 0xffff) throw new RangeError(`UDP datagram of ${length} bytes exceeds 65535`);
  const out = new Uint8Array(length);
  const dv = new DataView(out.buffer);
  dv.setUint16(0, spec.srcPort);
  dv.setUint16(2, spec.dstPort);
  dv.setUint16(4, length);
  out.set(payload, UDP_HEADER);
  if (!(spec.noChecksum && family === 4)) {
    // A computed 0 is sent as 0xffff, since 0 means "no checksum" (RFC 768).
    dv.setUint16(6, upperLayerChecksum(pseudo, PROTO_UDP, out) || 0xffff);
  }
  return out;
}
