// RFC 7597 section 5.2: a MAP rule gives a CE its shared IPv4 address and
// PSID from the EA bits of its IPv6 prefix, the o bits after the rule's
// IPv6 prefix. The first p = 32 - (IPv4 prefix length) of them complete the
// rule's IPv4 prefix into the address; the remaining q = o - p are the PSID,
// of length q. RFC 7599 Appendix A works one through (test/unit/core).
import { ipv4FromText, ipv4ToText, ipv6FromText } from '../codec/address';
import { DEFAULT_PSID_OFFSET, psidProblem, type Psid } from './port-set';

export interface MappingRule {
  /** Rule IPv6 prefix, e.g. `2001:db8::/40`. */
  readonly ipv6Prefix: string;
  /** Rule IPv4 prefix, e.g. `198.51.100.0/24`. */
  readonly ipv4Prefix: string;
  /** o, the number of EA bits. */
  readonly eaLength: number;
  /** a, default 6. */
  readonly psidOffset?: number;
}

export interface MappedCe {
  readonly ipv4: string;
  readonly psid: Psid;
}

function prefixOf(text: string, family: 4 | 6): { bytes: Uint8Array; length: number } | undefined {
  const [addr, len, extra] = text.split('/');
  const bytes = addr === undefined ? null : family === 4 ? ipv4FromText(addr) : ipv6FromText(addr);
  const length = /^\d{1,3}$/.test(len ?? '') ? Number(len) : NaN;
  return bytes && extra === undefined && length <= bytes.length * 8 ? { bytes, length } : undefined;
}

/** The `count` bits of `bytes` from bit `start` (0 is the first byte's top bit), as a number; count <= 32. */
function bitsAt(bytes: Uint8Array, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) v = v * 2 + ((bytes[i >> 3]! >> (7 - (i & 7))) & 1);
  return v;
}

/** The CE's address and PSID under `rule`, for its end-user IPv6 prefix; or why it has none. */
export function mapEndUserPrefix(rule: MappingRule, endUserPrefix: string): MappedCe | string {
  const r6 = prefixOf(rule.ipv6Prefix, 6);
  const r4 = prefixOf(rule.ipv4Prefix, 4);
  const ce = prefixOf(endUserPrefix, 6);
  if (!r6) return `rule IPv6 prefix "${rule.ipv6Prefix}" is not an IPv6 prefix`;
  if (!r4) return `rule IPv4 prefix "${rule.ipv4Prefix}" is not an IPv4 prefix`;
  if (!ce) return `end-user prefix "${endUserPrefix}" is not an IPv6 prefix`;
  const o = rule.eaLength;
  const p = 32 - r4.length;
  if (!Number.isInteger(o) || o < p || o > 48) return `EA length ${o}: expected ${p} (the IPv4 suffix) to 48 bits, an address per CE`;
  if (ce.length < r6.length + o) return `end-user prefix /${ce.length} is shorter than the rule's /${r6.length} and its ${o} EA bits`;
  for (let i = 0; i < r6.length; i += 16) {
    const n = Math.min(16, r6.length - i);
    if (bitsAt(ce.bytes, i, n) !== bitsAt(r6.bytes, i, n)) return `end-user prefix ${endUserPrefix} is not inside the rule's ${rule.ipv6Prefix}`;
  }
  const suffix = bitsAt(ce.bytes, r6.length, p);
  const q = o - p;
  const psid = { offset: rule.psidOffset ?? DEFAULT_PSID_OFFSET, length: q, id: bitsAt(ce.bytes, r6.length + p, q) };
  const problem = psidProblem(psid);
  if (problem) return `PSID ${problem.key}: ${problem.message}`;
  const rule4 = bitsAt(r4.bytes, 0, 32);
  const ipv4 = rule4 - (rule4 % 2 ** p) + suffix;
  return { ipv4: ipv4ToText(Uint8Array.of(ipv4 >>> 24, (ipv4 >>> 16) & 255, (ipv4 >>> 8) & 255, ipv4 & 255)), psid };
}
