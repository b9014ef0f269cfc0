// Addresses and prefixes as bigints: the planner does arithmetic on them
// (n-th host, overlap, containment) and the validator checks them.
import { ipv4FromText, ipv4ToText, ipv6FromText, ipv6ToText } from '../aplus/codec/address';

export type Family = 4 | 6;

export interface Prefix {
  readonly family: Family;
  readonly base: bigint; // network address, host bits zero
  readonly length: number;
}

const bits = (f: Family): number => (f === 4 ? 32 : 128);

export function parseAddress(text: string): { family: Family; value: bigint } | undefined {
  // The text forms are the packet codec's (one parser for the whole project);
  // here they become numbers for prefix arithmetic.
  const v4 = ipv4FromText(text);
  if (v4) return { family: 4, value: toBigInt(v4) };
  const v6 = text.includes('%') ? undefined : ipv6FromText(text);
  return v6 ? { family: 6, value: toBigInt(v6) } : undefined;
}

const toBigInt = (bytes: Uint8Array): bigint => bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);

function toBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--, value >>= 8n) out[i] = Number(value & 0xffn);
  return out;
}

export function formatAddress(family: Family, value: bigint): string {
  return family === 4 ? ipv4ToText(toBytes(value, 4)) : ipv6ToText(toBytes(value, 16));
}

/** Parses "a.b.c.d/n" or "x::/n"; host bits must be zero. */
export function parsePrefix(text: string): Prefix | string {
  const slash = text.indexOf('/');
  if (slash < 0) return 'expected a prefix such as 192.168.1.0/24 or 2001:db8::/64';
  const addr = parseAddress(text.slice(0, slash));
  const lenText = text.slice(slash + 1);
  if (!addr) return `"${text.slice(0, slash)}" is not an IP address`;
  if (!/^\d{1,3}$/.test(lenText) || Number(lenText) > bits(addr.family)) {
    return `prefix length "${lenText}" is out of range 0-${bits(addr.family)}`;
  }
  const length = Number(lenText);
  const hostMask = (1n << BigInt(bits(addr.family) - length)) - 1n;
  if ((addr.value & hostMask) !== 0n) {
    return `host bits are set: did you mean ${formatPrefix({ family: addr.family, base: addr.value & ~hostMask, length })}?`;
  }
  return { family: addr.family, base: addr.value, length };
}

export function formatPrefix(p: Prefix): string {
  return `${formatAddress(p.family, p.base)}/${p.length}`;
}

export function prefixSize(p: Prefix): bigint {
  return 1n << BigInt(bits(p.family) - p.length);
}

export function contains(p: Prefix, family: Family, value: bigint): boolean {
  return family === p.family && value >= p.base && value < p.base + prefixSize(p);
}

export function overlaps(a: Prefix, b: Prefix): boolean {
  if (a.family !== b.family) return false;
  return a.base < b.base + prefixSize(b) && b.base < a.base + prefixSize(a);
}

/** The n-th address of a prefix (0 is the network address). */
export function nthAddress(p: Prefix, n: bigint): string {
  if (n < 0n || n >= prefixSize(p)) throw new RangeError(`address ${n} is outside ${formatPrefix(p)}`);
  return formatAddress(p.family, p.base + n);
}

/** The n-th subnet of the given length inside p. */
export function nthSubnet(p: Prefix, length: number, n: number): Prefix {
  const size = 1n << BigInt(bits(p.family) - length);
  const base = p.base + size * BigInt(n);
  if (length < p.length || base + size > p.base + prefixSize(p)) {
    throw new RangeError(`subnet ${n} of length /${length} is outside ${formatPrefix(p)}`);
  }
  return { family: p.family, base, length };
}

/** Canonical text form, so that two spellings of one address compare equal. */
export function canonical(text: string): string {
  const a = parseAddress(text);
  return a ? formatAddress(a.family, a.value) : text;
}
