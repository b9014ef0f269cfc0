// The few IPv4 sums the generator needs (peer addresses counted up from a
// first one), without the model's helpers, which bring zod into the bundle.

export function ipv4ToInt(a: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (!m) return undefined;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return undefined;
  return ((o[0]! << 24) >>> 0) + (o[1]! << 16) + (o[2]! << 8) + o[3]!;
}

export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The address `k` after `first`. */
export function ipv4Plus(first: string, k: number): string {
  const base = ipv4ToInt(first);
  if (base === undefined) throw new RangeError(`not an IPv4 address: ${first}`);
  return intToIpv4((base + k) >>> 0);
}
