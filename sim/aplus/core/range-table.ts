// The PRR's dispatch table (paper III-C1): each SMAP owns ports of one of the
// PRR's shared IPv4 addresses, a first-last range (the paper's) or an RFC
// 7597 port set (port-set.ts). Compiled once into an owner array per address
// (port-owners.ts), so a lookup is one read whatever the number of SMAPs, a
// map from the address to its index, and a map from the SMAP's IPv6 address,
// so an upstream packet's source is checked in O(1).
import { ipv4FromText, ipv4ToText, ipv6FromText, ipv6ToText } from '../codec/address';
import { PortOwners } from './port-owners';
import { formatPortSet, isPsidSet, MIN_SMAP_PORT, psidProblem, type PortSet } from './port-set';

export { MIN_SMAP_PORT } from './port-set';
/**
 * Default tunnel MTU: the largest inner IPv4 packet, a 1500-byte IPv6 path
 * less the 40-byte IPv6 header (RFC 2473 6.7; paper Table IV, room 1: 1460).
 */
export const DEFAULT_TUNNEL_MTU = 1460;
/** RFC 791: every host must accept 68-byte datagrams; a smaller MTU is nonsense. */
export const MIN_TUNNEL_MTU = 68;

type Ipv4 = Uint8Array | string;

/** A SMAP: its name, IPv6 address and tunnel MTU, and its ports, `{ first, last }` or `{ psid }`. */
export type SmapSpec = PortSet & {
  readonly name: string;
  readonly ipv6: Uint8Array | string;
  /** Largest inner IPv4 packet the tunnel to this SMAP carries. */
  readonly mtu?: number;
  /** Which shared address its ports are of; default the table's first. */
  readonly shared?: Ipv4;
};

export interface RangeTableInput {
  /** The shared address (the paper's one, and the default of every SMAP). */
  readonly shared: Ipv4;
  /** More shared addresses, after it. */
  readonly moreShared?: readonly Ipv4[];
  readonly smaps: readonly SmapSpec[];
  /** The PRR's own IPv4 address: an upstream packet to it is delivered, not forwarded. */
  readonly prr?: Ipv4;
}

export interface SmapEntry {
  readonly index: number;
  readonly name: string;
  readonly ipv6: Uint8Array;
  readonly ipv6Text: string;
  readonly ports: PortSet;
  /** Its shared address, 4 bytes, and that address's index in the table's `sharedAddresses`. */
  readonly shared: Uint8Array;
  readonly sharedIndex: number;
  readonly mtu: number;
}

export interface RangeTable {
  /** The first shared address, 4 bytes. */
  readonly shared: Uint8Array;
  /** Every shared address, the first one first. */
  readonly sharedAddresses: readonly Uint8Array[];
  /** The PRR's own IPv4 address, 4 bytes, when known. */
  readonly prr: Uint8Array | undefined;
  readonly smaps: readonly SmapEntry[];
  /** Index in `sharedAddresses` of the 4 bytes at `v4[offset..]`, or -1. */
  sharedIndex(v4: Uint8Array, offset?: number): number;
  /** Index of the SMAP owning `port` of shared address number `shared` (default the first), or -1. */
  ownerOfPort(port: number, shared?: number): number;
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
    return value.slice();
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

function v4Bytes(value: Ipv4, what: string): Uint8Array {
  const b = typeof value === 'string' ? ipv4FromText(value) : value.slice();
  if (!b || b.length !== 4) throw new RangeTableError(`${what} "${String(value)}" is not an IPv4 address`);
  return b;
}

/** The 4 bytes at v4[offset..] as one number, to look an address up by. */
const u32At = (v4: Uint8Array, offset: number): number => ((v4[offset]! << 24) | (v4[offset + 1]! << 16) | (v4[offset + 2]! << 8) | v4[offset + 3]!) >>> 0;

/** Why a SMAP's ports are not ones it may own, or undefined. */
function portsProblem(ports: PortSet): string | undefined {
  if (isPsidSet(ports)) {
    const problem = psidProblem(ports.psid);
    return problem && `bad PSID ${problem.key}: ${problem.message}`;
  }
  const { first, last } = ports;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first > last || last > 65535) return `bad port range ${first}-${last}`;
  return first < MIN_SMAP_PORT ? `range ${first}-${last} starts below ${MIN_SMAP_PORT}` : undefined;
}

/** `range 10000-11000`, `psid 52/8 offset 6`. */
const said = (ports: PortSet) => (isPsidSet(ports) ? formatPortSet(ports) : `range ${formatPortSet(ports)}`);

export function compileRangeTable(input: RangeTableInput): RangeTable {
  const sharedAddresses = [v4Bytes(input.shared, 'shared address'), ...(input.moreShared ?? []).map((a) => v4Bytes(a, 'shared address'))];
  const addressIndex = new Map<number, number>();
  sharedAddresses.forEach((a, i) => {
    if (addressIndex.has(u32At(a, 0))) throw new RangeTableError(`shared address ${ipv4ToText(a)} is given twice`);
    addressIndex.set(u32At(a, 0), i);
  });
  const prr = input.prr === undefined ? undefined : v4Bytes(input.prr, 'PRR address');
  // SMAPs by a hash of their address, checked byte by byte: the per-packet
  // lookup, and the duplicate check while compiling.
  const byHash = new Map<number, number[]>();
  const smaps: SmapEntry[] = [];
  const bySource = (v6: Uint8Array, offset: number, h = hash16(v6, offset)): number => {
    const candidates = byHash.get(h);
    if (candidates) for (const i of candidates) if (sameAt(v6, offset, smaps[i]!.ipv6)) return i;
    return -1;
  };
  input.smaps.forEach((s, i) => {
    const where = `SMAP ${i} (${s.name})`;
    const ports: PortSet = isPsidSet(s) ? { psid: s.psid } : { first: s.first, last: s.last };
    const problem = portsProblem(ports);
    if (problem) throw new RangeTableError(`${where}: ${problem}`, i);
    const mtu = s.mtu ?? DEFAULT_TUNNEL_MTU;
    if (!Number.isInteger(mtu) || mtu < MIN_TUNNEL_MTU || mtu > 65535) throw new RangeTableError(`${where}: bad tunnel MTU ${mtu}`, i);
    const ipv6 = v6Bytes(s.ipv6, where, i);
    const h = hash16(ipv6, 0);
    const dup = bySource(ipv6, 0, h);
    if (dup >= 0) throw new RangeTableError(`${where}: IPv6 address ${ipv6ToText(ipv6)} is also SMAP ${dup}'s`, i);
    // Bytes are looked up as they are (no copy per SMAP); text, or a wrong length, is read first.
    const given = s.shared === undefined || (typeof s.shared !== 'string' && s.shared.length === 4) ? s.shared : v4Bytes(s.shared, `${where}: shared address`);
    const sharedIndex = given === undefined ? 0 : addressIndex.get(u32At(given, 0));
    if (sharedIndex === undefined) {
      throw new RangeTableError(`${where}: ${ipv4ToText(given!)} is not a shared address of the table (${sharedAddresses.map(ipv4ToText).join(', ')})`, i);
    }
    const same = byHash.get(h);
    if (same) same.push(i);
    else byHash.set(h, [i]);
    smaps.push({ index: i, name: s.name, ipv6, ipv6Text: ipv6ToText(ipv6), ports, shared: sharedAddresses[sharedIndex]!, sharedIndex, mtu });
  });
  // Each address's owners, filled SMAP by SMAP: the fill is the overlap check.
  const bound = sharedAddresses.map(() => [] as SmapEntry[]);
  for (const s of smaps) bound[s.sharedIndex]!.push(s);
  const owners = bound.map((list) => {
    const table = PortOwners.for(list.map((s) => s.ports));
    for (const s of list) {
      const clash = table.claim(s.ports, s.index);
      if (!clash) continue;
      const o = smaps[clash.owner]!;
      const of = sharedAddresses.length > 1 ? ` of ${ipv4ToText(s.shared)}` : '';
      throw new RangeTableError(`SMAP ${s.index} (${s.name}): ${said(s.ports)} overlaps ${o.name}'s ${formatPortSet(o.ports)} at port ${clash.port}${of}`, s.index);
    }
    return table;
  });
  return {
    shared: sharedAddresses[0]!,
    sharedAddresses,
    prr,
    smaps,
    sharedIndex: (v4, offset = 0) => (v4.length - offset < 4 ? -1 : addressIndex.get(u32At(v4, offset)) ?? -1),
    ownerOfPort: (port, shared = 0) => owners[shared]?.ownerOf(port) ?? -1,
    smapBySource: (v6, offset = 0) => (v6.length - offset < 16 ? -1 : bySource(v6, offset)),
  };
}

/** For logs: `198.51.100.27 cpe1 10000-11000 -> 2001:db8::1 mtu 1460`. */
export function describeRangeTable(t: RangeTable): string[] {
  return t.smaps.map((s) => `${ipv4ToText(s.shared)} ${s.name} ${formatPortSet(s.ports)} -> ${s.ipv6Text} mtu ${s.mtu}`);
}
