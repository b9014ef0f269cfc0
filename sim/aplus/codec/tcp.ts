// The TCP header (RFC 793 3.1) with its pseudo-header checksum, over IPv4 or
// IPv6 (RFC 8200 8.1).
import { pseudoHeaderFamily, upperLayerChecksum, type PseudoHeader } from './checksum';
import { fail, ok, type Parsed } from './result';

export const PROTO_TCP = 6;
export const TCP_MIN_HEADER = 20;

export const TCP_FLAGS = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10, urg: 0x20, ece: 0x40, cwr: 0x80 } as const;

export interface TcpHeader {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly headerLength: number; // bytes, data offset * 4
  /** The low 8 flag bits (CWR..FIN) plus NS as 0x100. */
  readonly flags: number;
  readonly window: number;
  readonly checksum: number;
  readonly urgent: number;
  readonly options: Uint8Array;
}

export interface TcpSegment {
  readonly header: TcpHeader;
  readonly payload: Uint8Array;
}

/** Parses a whole segment; with `pseudo` the checksum is verified too. */
export function parseTcp(bytes: Uint8Array, pseudo?: PseudoHeader): Parsed<TcpSegment> {
  if (bytes.length < TCP_MIN_HEADER) return fail('truncated', `TCP header needs 20 bytes, got ${bytes.length}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataOffset = bytes[12]! >> 4;
  if (dataOffset < 5) return fail('bad-data-offset', `data offset ${dataOffset} < 5`);
  const headerLength = dataOffset * 4;
  if (headerLength > bytes.length) return fail('truncated', `data offset says ${headerLength} bytes, got ${bytes.length}`);
  if (pseudo) {
    if (!pseudoHeaderFamily(pseudo)) return fail('bad-checksum', 'pseudo-header addresses are not 4+4 or 16+16 bytes');
    if (upperLayerChecksum(pseudo, PROTO_TCP, bytes) !== 0) {
      return fail('bad-checksum', `TCP checksum 0x${dv.getUint16(16).toString(16)} does not verify`);
    }
  }
  return ok({
    header: {
      srcPort: dv.getUint16(0),
      dstPort: dv.getUint16(2),
      seq: dv.getUint32(4),
      ack: dv.getUint32(8),
      headerLength,
      flags: ((bytes[12]! & 1) << 8) | bytes[13]!,
      window: dv.getUint16(14),
      checksum: dv.getUint16(16),
      urgent: dv.getUint16(18),
      options: bytes.subarray(20, headerLength),
    },
    payload: bytes.subarray(headerLength),
  });
}

export interface TcpSpec {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq?: number;
  readonly ack?: number;
  readonly flags?: number;
  readonly window?: number;
  readonly urgent?: number;
  /** Padded by the caller to a multiple of 4, at most 40 bytes. */
  readonly options?: Uint8Array;
}

/** Builds a segment with its checksum over `pseudo` (the enclosing IP addresses). */
export function buildTcp(spec: TcpSpec, payload: Uint8Array, pseudo: PseudoHeader): Uint8Array {
  const options = spec.options ?? new Uint8Array(0);
  if (options.length % 4 !== 0 || options.length > 40) throw new RangeError(`TCP options: ${options.length} bytes`);
  if (!pseudoHeaderFamily(pseudo)) throw new RangeError('pseudo-header addresses must be 4+4 or 16+16 bytes');
  const headerLength = TCP_MIN_HEADER + options.length;
  const out = new Uint8Array(headerLength + payload.length);
  const dv = new DataView(out.buffer);
  const flags = spec.flags ?? TCP_FLAGS.ack;
  dv.setUint16(0, spec.srcPort);
  dv.setUint16(2, spec.dstPort);
  dv.setUint32(4, (spec.seq ?? 0) >>> 0);
  dv.setUint32(8, (spec.ack ?? 0) >>> 0);
  out[12] = ((headerLength / 4) << 4) | ((flags >> 8) & 1);
  out[13] = flags & 0xff;
  dv.setUint16(14, spec.window ?? 65535);
  dv.setUint16(18, spec.urgent ?? 0);
  out.set(options, 20);
  out.set(payload, headerLength);
  dv.setUint16(16, upperLayerChecksum(pseudo, PROTO_TCP, out));
  return out;
}
