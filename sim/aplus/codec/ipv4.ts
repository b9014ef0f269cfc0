// The IPv4 header (RFC 791 3.1): parse with every length and the header
// checksum checked, and build with the checksum computed.
import { finish, internetChecksum, sumWords } from './checksum';
import { fail, ok, type Parsed } from './result';

export const IPV4_MIN_HEADER = 20;

export interface Ipv4Header {
  readonly headerLength: number; // bytes, IHL * 4
  readonly tos: number;
  readonly totalLength: number;
  readonly identification: number;
  readonly dontFragment: boolean;
  readonly moreFragments: boolean;
  /** In 8-octet units, as on the wire (RFC 791). */
  readonly fragmentOffset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly checksum: number;
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly options: Uint8Array;
}

export interface Ipv4Packet {
  readonly header: Ipv4Header;
  /** The bytes after the header up to totalLength (link padding cut off). */
  readonly payload: Uint8Array;
  /** The whole datagram, bytes[0, totalLength). */
  readonly bytes: Uint8Array;
}

export interface Ipv4ParseOptions {
  /** Default true. A router must not forward a header with a bad checksum (RFC 1812 5.2.2). */
  readonly verifyChecksum?: boolean;
}

function u16be(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

export function parseIpv4(bytes: Uint8Array, opts: Ipv4ParseOptions = {}): Parsed<Ipv4Packet> {
  if (bytes.length < IPV4_MIN_HEADER) {
    return fail('truncated', `IPv4 header needs 20 bytes, got ${bytes.length}`);
  }
  const b0 = bytes[0]!;
  if (b0 >> 4 !== 4) return fail('bad-version', `IP version ${b0 >> 4}, expected 4`);
  const headerLength = (b0 & 0x0f) * 4;
  if (headerLength < IPV4_MIN_HEADER) return fail('bad-ihl', `IHL ${b0 & 0x0f} < 5`);
  if (headerLength > bytes.length) {
    return fail('truncated', `IHL says ${headerLength} header bytes, got ${bytes.length}`);
  }
  // Fields read byte by byte, the checksum summed in place: this runs for
  // every packet the daemons carry, and a DataView or a subarray per call
  // costs more than the reads.
  const totalLength = u16be(bytes, 2);
  if (totalLength < headerLength) {
    return fail('bad-total-length', `total length ${totalLength} < header length ${headerLength}`);
  }
  if (totalLength > bytes.length) {
    return fail('truncated', `total length ${totalLength}, got ${bytes.length} bytes`);
  }
  if (opts.verifyChecksum !== false && finish(sumWords(bytes, 0, headerLength)) !== 0) {
    return fail('bad-checksum', `IPv4 header checksum 0x${u16be(bytes, 10).toString(16)} does not verify`);
  }
  return ok(new Ipv4PacketView(totalLength === bytes.length ? bytes : bytes.subarray(0, totalLength), headerLength));
}

// What parseIpv4 returns: every field read from the datagram when asked for.
// The daemons parse every packet they carry and most need two or three
// fields; the addresses, options and payload are views, each an allocation.
class Ipv4HeaderView implements Ipv4Header {
  constructor(
    private readonly datagram: Uint8Array,
    readonly headerLength: number,
  ) {}

  get tos(): number { return this.datagram[1]!; }
  get totalLength(): number { return this.datagram.length; }
  get identification(): number { return u16be(this.datagram, 4); }
  get dontFragment(): boolean { return (this.datagram[6]! & 0x40) !== 0; }
  get moreFragments(): boolean { return (this.datagram[6]! & 0x20) !== 0; }
  get fragmentOffset(): number { return u16be(this.datagram, 6) & 0x1fff; }
  get ttl(): number { return this.datagram[8]!; }
  get protocol(): number { return this.datagram[9]!; }
  get checksum(): number { return u16be(this.datagram, 10); }
  get src(): Uint8Array { return this.datagram.subarray(12, 16); }
  get dst(): Uint8Array { return this.datagram.subarray(16, 20); }
  get options(): Uint8Array { return this.datagram.subarray(20, this.headerLength); }
}

class Ipv4PacketView implements Ipv4Packet {
  readonly header: Ipv4HeaderView;

  constructor(
    readonly bytes: Uint8Array,
    headerLength: number,
  ) {
    this.header = new Ipv4HeaderView(bytes, headerLength);
  }

  get payload(): Uint8Array { return this.bytes.subarray(this.header.headerLength); }
}

/** A fragment is any piece but a whole datagram: MF set or a non-zero offset (RFC 791 2.3). */
export function isFragment(h: Pick<Ipv4Header, 'moreFragments' | 'fragmentOffset'>): boolean {
  return h.moreFragments || h.fragmentOffset !== 0;
}

/** Only the first fragment (offset 0) carries the transport header. */
export function isFirstFragment(h: Pick<Ipv4Header, 'fragmentOffset'>): boolean {
  return h.fragmentOffset === 0;
}

export interface Ipv4Spec {
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly protocol: number;
  readonly tos?: number;
  readonly identification?: number;
  readonly dontFragment?: boolean;
  readonly moreFragments?: boolean;
  readonly fragmentOffset?: number;
  readonly ttl?: number;
  /** Raw option bytes, padded by the caller to a multiple of 4, at most 40. */
  readonly options?: Uint8Array;
  /** Override the computed total length (for building malformed fixtures). */
  readonly totalLength?: number;
  /** Override the computed checksum (for building malformed fixtures). */
  readonly checksum?: number;
}

/** Builds header + payload. Throws only on a spec that cannot be encoded (a caller bug). */
export function buildIpv4(spec: Ipv4Spec, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const options = spec.options ?? new Uint8Array(0);
  if (options.length % 4 !== 0 || options.length > 40) {
    throw new RangeError(`IPv4 options must be a multiple of 4 bytes, at most 40; got ${options.length}`);
  }
  if (spec.src.length !== 4 || spec.dst.length !== 4) throw new RangeError('IPv4 addresses must be 4 bytes');
  const headerLength = IPV4_MIN_HEADER + options.length;
  const total = headerLength + payload.length;
  if (total > 0xffff) throw new RangeError(`IPv4 datagram of ${total} bytes exceeds 65535`);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out[0] = 0x40 | (headerLength / 4);
  out[1] = spec.tos ?? 0;
  dv.setUint16(2, spec.totalLength ?? total);
  dv.setUint16(4, spec.identification ?? 0);
  const frag = spec.fragmentOffset ?? 0;
  if (frag < 0 || frag > 0x1fff) throw new RangeError(`fragment offset ${frag} out of 13 bits`);
  dv.setUint16(6, (spec.dontFragment ? 0x4000 : 0) | (spec.moreFragments ? 0x2000 : 0) | frag);
  out[8] = spec.ttl ?? 64;
  out[9] = spec.protocol;
  out.set(spec.src, 12);
  out.set(spec.dst, 16);
  out.set(options, 20);
  dv.setUint16(10, spec.checksum ?? internetChecksum(out.subarray(0, headerLength)));
  out.set(payload, headerLength);
  return out;
}
