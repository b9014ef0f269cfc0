// The kernels' part of each golden path, as the cases need it, so that the
// cores can be fed what the daemons are fed: what a raw AF_INET6 socket with
// protocol 4 receives from the wire (RFC 8200 4: the extension headers
// processed, fragments reassembled, or dropped by the PRR's nftables rule),
// the IPv6 header it adds on send, and a router's forwarding (TTL - 1). The
// rig (rig.test.ts) checks the same cases against the real kernels, so this
// model is tested too. Plain byte arithmetic: no part of the project's codec.

const NH_HOP_BY_HOP = 0;
const NH_IPV4 = 4;
const NH_FRAGMENT = 44;
const NH_DEST_OPTIONS = 60;

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;

export type TunnelReceive =
  | { readonly kind: 'deliver'; readonly src: Uint8Array; readonly payload: Uint8Array }
  | { readonly kind: 'drop'; readonly reason: 'ipv6-fragment' }
  | { readonly kind: 'held' };

interface Piece {
  readonly offset: number;
  readonly more: boolean;
  readonly data: Uint8Array;
}

/**
 * One end's kernel between the wire and its raw socket. `fragments`:
 * 'drop' is the PRR's nftables rule (any Fragment header whose next header
 * is 4, atomic or not, prerouting priority -450, before reassembly);
 * 'reassemble' is a plain kernel, the SMAP's.
 */
export class TunnelKernel {
  private readonly pending = new Map<string, Piece[]>();
  constructor(private readonly fragments: 'drop' | 'reassemble') {}

  receive(packet: Uint8Array): TunnelReceive {
    if (packet.length < 40 || packet[0]! >> 4 !== 6) throw new Error('the golden input is not an IPv6 packet');
    const end = 40 + u16(packet, 4);
    if (end > packet.length) throw new Error('the golden input is shorter than its IPv6 payload length');
    const src = packet.subarray(8, 24);
    let next = packet[6]!;
    let at = 40;
    for (;;) {
      if (next === NH_HOP_BY_HOP || next === NH_DEST_OPTIONS) {
        [next, at] = [packet[at]!, at + (packet[at + 1]! + 1) * 8];
      } else if (next === NH_FRAGMENT) {
        if (packet[at] === NH_IPV4 && this.fragments === 'drop') return { kind: 'drop', reason: 'ipv6-fragment' };
        const word = u16(packet, at + 2);
        const piece = { offset: (word >> 3) * 8, more: (word & 1) === 1, data: packet.subarray(at + 8, end) };
        [next, at] = [packet[at]!, at + 8];
        // An atomic fragment is a whole packet (RFC 6946).
        if (piece.offset === 0 && !piece.more) continue;
        const key = Buffer.from(packet.subarray(8, 40)).toString('hex') + Buffer.from(packet.subarray(at - 4, at)).toString('hex');
        const whole = this.reassemble(key, piece);
        if (!whole) return { kind: 'held' };
        if (next !== NH_IPV4) throw new Error(`the reassembled payload is next header ${next}, not 4`);
        return { kind: 'deliver', src, payload: whole };
      } else break;
    }
    if (next !== NH_IPV4) throw new Error(`the golden input's upper layer is ${next}, not 4`);
    return { kind: 'deliver', src, payload: packet.subarray(at, end) };
  }

  /** The datagram once every piece from 0 to the last (M 0) is in, without gaps. */
  private reassemble(key: string, piece: Piece): Uint8Array | undefined {
    const pieces = [...(this.pending.get(key) ?? []), piece].sort((a, b) => a.offset - b.offset);
    this.pending.set(key, pieces);
    let have = 0;
    for (const p of pieces) {
      if (p.offset !== have) return undefined;
      have += p.data.length;
      if (!p.more) {
        this.pending.delete(key);
        const out = new Uint8Array(have);
        for (const q of pieces) out.set(q.data, q.offset);
        return out;
      }
    }
    return undefined;
  }
}

/** What a raw socket's kernel sends: a bare IPv6 header (traffic class and flow label 0, hop limit 64), next header 4. */
export function tunnelSend(src: Uint8Array, dst: Uint8Array, inner: Uint8Array): Uint8Array {
  const out = new Uint8Array(40 + inner.length);
  out.set([0x60, 0, 0, 0, inner.length >> 8, inner.length & 0xff, NH_IPV4, 64]);
  out.set(src, 8);
  out.set(dst, 24);
  out.set(inner, 40);
  return out;
}

/**
 * The datagram as a router forwards it: TTL - 1 and the header checksum
 * updated for it (RFC 1624 3: HC' = ~(~HC + ~m + m'), m the TTL/protocol word).
 */
export function forwarded(ipv4: Uint8Array): Uint8Array {
  const out = Uint8Array.from(ipv4);
  const before = u16(out, 8);
  out[8] = out[8]! - 1;
  const after = u16(out, 8);
  let sum = (~u16(out, 10) & 0xffff) + (~before & 0xffff) + after;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const check = ~sum & 0xffff;
  out[10] = check >> 8;
  out[11] = check & 0xff;
  return out;
}
