// The PRR's dispatch table (paper III-C1): each SMAP owns a range of ports of
// the shared IPv4 address. Compiled once into an array indexed by port, so a
// lookup is one read whatever the number of SMAPs, and a map from the SMAP's
// IPv6 address, so an upstream packet's source is checked in O(1).
import { ipv4FromText, ipv4ToText, ipv6FromText, ipv6ToText } from '../codec/address';

/** Ports below 1024 are the shared address's own well-known ports, never a customer's. */
export const MIN_SMAP_PORT = 1024;
/**
 * Default tunnel MTU: the largest inner IPv4 packet, a 1500-byte IPv6 path
 * less the 40-byte IPv6 header (RFC 2473 6.7; paper Table IV, room 1: 1460).
 */
export const DEFAULT_TUNNEL_MTU = 1460;
/** RFC 791: every host must accept 68-byte datagrams; a smaller MTU is nonsense. */
export const MIN_TUNNEL_MTU = 68;

export interface SmapSpec {
  readonly name: string;
  readonly ipv6: Uint8Array | string;
  readonly first: number;
  readonly last: number;
  /** Largest inner IPv4 packet the tunnel to this SMAP carries. */
  readonly mtu?: number;
}

export interface RangeTableInput {
  readonly shared: Uint8Array | string;
  readonly smaps: readonly SmapSpec[];
  /** The PRR's own IPv4 address: an upstream packet to it is delivered, not forwarded. */
  readonly prr?: Uint8Array | string;
}

export interface SmapEntry {
  readonly index: number;
  readonly name: string;
  readonly ipv6: Uint8Array;
  readonly ipv6Text: string;
  readonly first: number;
  readonly last: number;
  readonly mtu: number;
}

export interface RangeTable {
  /** The shared IPv4 address, 4 bytes. */
  readonly shared: Uint8Array;
  /** The PRR's own IPv4 address, 4 bytes, when known. */
  readonly prr: Uint8Array | undefined;
  readonly smaps: readonly SmapEntry[];
  /** Index of the SMAP owning `port`, or -1. */
  ownerOfPort(port: number): number;
  /** Index of the SMAP whose IPv6 address is the 16 bytes at `v6[offset..]`, or -1. */
  smapBySource(v6: Uint8Array, offset?: number): number;
}

/** A SMAP list that cannot be compiled; `smap` is the offending entry's index. */
export class RangeTableError extends Error {
  readonly smap: number | undefined;
  constructor(message: string, smap?: number) {
    super(message);
    this.name = 'RangeTableError';
    this.smap = smap;
  }
}

function v6Bytes(value: Uint8Array | string, where: string, i?: number): Uint8Array {
  if (typeof value !== 'string') {
    if (value.length !== 16) throw new RangeTableError(`${where}: IPv6 address must be 16 bytes, got ${value.length}`, i);
    return Uint8Array.from(value);
  }
  const b = ipv6FromText(value);
  if (!b) throw new RangeTableError(`${where}: "${value}" is not an IPv6 address`, i);
  return b;
}

/** FNV-1a over the 16 bytes at v6[offset..]: a number to look a source up by, with no string made per packet. */
function hash16(v6: Uint8Array, offset: number): number {
  let h = 0x811c9dc5;
  for (let i = offset; i < offset + 16; i++) h = Math.imul(h ^ v6[i]!, 0x01000193);
  return h >>> 0;
}

function sameAt(v6: Uint8Array, offset: number, addr: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (v6[offset + i] !== addr[i]) return false;
  return true;
}

export function compileRangeTable(input: RangeTableInput): RangeTable {
  const shared = typeof input.shared === 'string' ? ipv4FromText(input.shared) : Uint8Array.from(input.shared);
  if (!shared || shared.length !== 4) throw new RangeTableError(`shared address "${String(input.shared)}" is not an IPv4 address`);
  const prr = input.prr === undefined ? undefined : typeof input.prr === 'string' ? ipv4FromText(input.prr) : Uint8Array.from(input.prr);
  if (prr === null || (prr && prr.length !== 4)) throw new RangeTableError(`PRR address "${String(input.prr)}" is not an IPv4 address`);
  const byPort = new Int32Array(65536).fill(-1);
  // SMAPs by a hash of their address, checked byte by byte: the per-packet
  // lookup, and the duplicate check while compiling.
  const byHash = new Map<number, number[]>();
  const smaps: SmapEntry[] = [];
  const bySource = (v6: Uint8Array, offset: number): number => {
    const candidates = byHash.get(hash16(v6, offset));
    if (candidates) for (const i of candidates) if (sameAt(v6, offset, smaps[i]!.ipv6)) return i;
    return -1;
  };
  input.smaps.forEach((s, i) => {
    const where = `SMAP ${i} (${s.name})`;
    const { first, last } = s;
    if (!Number.isInteger(first) || !Number.isInteger(last) || first > last || last > 65535) {
      throw new RangeTableError(`${where}: bad port range ${first}-${last}`, i);
    }
    if (first < MIN_SMAP_PORT) throw new RangeTableError(`${where}: range ${first}-${last} starts below ${MIN_SMAP_PORT}`, i);
    const mtu = s.mtu ?? DEFAULT_TUNNEL_MTU;
    if (!Number.isInteger(mtu) || mtu < MIN_TUNNEL_MTU || mtu > 65535) throw new RangeTableError(`${where}: bad tunnel MTU ${mtu}`, i);
    const ipv6 = v6Bytes(s.ipv6, where, i);
    const dup = bySource(ipv6, 0);
    if (dup >= 0) throw new RangeTableError(`${where}: IPv6 address ${ipv6ToText(ipv6)} is also SMAP ${dup}'s`, i);
    // Filling the port array doubles as the overlap check: O(65536) at most.
    for (let p = first; p <= last; p++) {
      const owner = byPort[p]!;
      if (owner >= 0) {
        const o = smaps[owner]!;
        throw new RangeTableError(`${where}: range ${first}-${last} overlaps ${o.name}'s ${o.first}-${o.last} at port ${p}`, i);
      }
      byPort[p] = i;
    }
    const h = hash16(ipv6, 0);
    byHash.set(h, [...(byHash.get(h) ?? []), i]);
    smaps.push({ index: i, name: s.name, ipv6, ipv6Text: ipv6ToText(ipv6), first, last, mtu });
  });
  return {
    shared,
    prr,
    smaps,
    ownerOfPort: (port) => (port >= 0 && port < 65536 ? byPort[port]! : -1),
    smapBySource: (v6, offset = 0) => (v6.length - offset < 16 ? -1 : bySource(v6, offset)),
  };
}

/** For logs: `198.51.100.27 cpe1 10000-11000 -> 2001:db8::1`. */
export function describeRangeTable(t: RangeTable): string[] {
  return t.smaps.map((s) => `${ipv4ToText(t.shared)} ${s.name} ${s.first}-${s.last} -> ${s.ipv6Text} mtu ${s.mtu}`);
}
