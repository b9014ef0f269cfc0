// Addresses and prefixes as bigints: the planner does arithmetic on them
// (n-th host, overlap, containment) and the validator checks them.
import { isIPv4, isIPv6 } from 'node:net';

export type Family = 4 | 6;

export interface Prefix {
  readonly family: Family;
  readonly base: bigint; // network address, host bits zero
  readonly length: number;
}

const bits = (f: Family): number => (f === 4 ? 32 : 128);

export function parseAddress(text: string): { family: Family; value: bigint } | undefined {
  if (isIPv4(text)) {
    const v = text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
    return { family: 4, value: v };
  }
  if (isIPv6(text) && !text.includes('%')) return { family: 6, value: parseV6(text) };
  return undefined;
}

function parseV6(text: string): bigint {
  let s = text;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const m = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (m) {
    const v4 = parseAddress(m[2]!)!.value;
    s = `${m[1]}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

export function formatAddress(family: Family, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((sh) => ((value >> sh) & 0xffn).toString()).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on a tie.
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
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
