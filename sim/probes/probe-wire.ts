// The probe datagram and the probe echo's reply (docs/probes.md):
//
//   probe  "APRB" | seq u32 | size u32 | filler, as many bytes as make an
//          IPv4 packet of `size` bytes (20-byte IPv4 header, 8-byte UDP header)
//   reply  received u32 (the UDP payload length the echo got) | the probe's first 16 bytes
//
// The reply is short whatever the probe's size, so that a probe measures the
// path up to the echo only: the paper's MTUs were asymmetric (IV-B).

/** IPv4 header without options plus UDP header. */
export const IP_UDP_HEADERS = 28;
/** The smallest MTU every IPv4 link carries (RFC 791). */
export const MIN_IPV4_MTU = 68;
/** The largest IPv4 packet. */
export const MAX_IPV4_PACKET = 65535;
const MAGIC = 0x41505242; // "APRB"
const HEADER = 12;
/** How much of the probe the echo sends back. */
export const REPLY_QUOTE = 16;

export interface ProbeHeader {
  readonly seq: number;
  /** The IPv4 packet size the sender meant, headers included. */
  readonly size: number;
}

/** The UDP payload of a probe making an IPv4 packet of `size` bytes. */
export function encodeProbe(seq: number, size: number): Buffer {
  if (!Number.isInteger(size) || size < IP_UDP_HEADERS + HEADER || size > MAX_IPV4_PACKET) {
    throw new RangeError(`probe size must be an integer from ${IP_UDP_HEADERS + HEADER} to ${MAX_IPV4_PACKET}, got ${size}`);
  }
  const b = Buffer.alloc(size - IP_UDP_HEADERS, 0x2e);
  b.writeUInt32BE(MAGIC, 0);
  b.writeUInt32BE(seq >>> 0, 4);
  b.writeUInt32BE(size, 8);
  return b;
}

/** The header at the start of `b` (a probe, or the quote in a reply or an ICMP error), if it is one. */
export function decodeProbe(b: Buffer): ProbeHeader | undefined {
  if (b.length < HEADER || b.readUInt32BE(0) !== MAGIC) return undefined;
  return { seq: b.readUInt32BE(4), size: b.readUInt32BE(8) };
}

/** What the echo sends back for a datagram: its length and its first bytes. */
export function echoReply(datagram: Buffer): Buffer {
  const out = Buffer.alloc(4 + Math.min(REPLY_QUOTE, datagram.length));
  out.writeUInt32BE(datagram.length, 0);
  datagram.copy(out, 4, 0, REPLY_QUOTE);
  return out;
}

export interface EchoedProbe extends ProbeHeader {
  /** The UDP payload length the echo received. */
  readonly received: number;
}

/** A reply to one of our probes; undefined for anything else. */
export function parseReply(b: Buffer): EchoedProbe | undefined {
  if (b.length < 4) return undefined;
  const probe = decodeProbe(b.subarray(4));
  return probe && { ...probe, received: b.readUInt32BE(0) };
}

/** A reply says the whole probe arrived (not a truncated or reassembled part of it). */
export function arrivedWhole(r: EchoedProbe): boolean {
  return r.received === r.size - IP_UDP_HEADERS;
}
