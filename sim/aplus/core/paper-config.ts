// The PRR configuration file in the paper's own format (III-C1):
//
//   PrrAddrV4 198.51.100.26
//   PrrAddrV6 2001:db8:7301:d002::711
//   IPv4Shared 198.51.100.27
//   Cpe1AddrV6 2001:db8:7301:4666::1
//   Cpe1PortRange 10000-11000
//
// One whitespace-separated key and value per line; CpeN keys pair up by N.
// aplus extensions, not in the paper: blank lines and `#` comments,
// `CpeNName <name>` (default "cpeN") and `CpeNMtu <bytes>` (the tunnel MTU,
// largest inner IPv4 packet; default 1460, paper Table IV).
import { ipv4FromText, ipv4ToText, ipv6FromText, ipv6ToText } from '../codec/address';
import { ConfigError } from './config-error';
import { DEFAULT_TUNNEL_MTU, MIN_SMAP_PORT, MIN_TUNNEL_MTU, type RangeTableInput } from './range-table';

export interface CpeConfig {
  readonly n: number;
  readonly name: string;
  readonly addrV6: Uint8Array;
  readonly first: number;
  readonly last: number;
  readonly mtu: number | undefined;
}

export interface PaperConfig {
  readonly prrAddrV4: Uint8Array;
  readonly prrAddrV6: Uint8Array;
  readonly shared: Uint8Array;
  /** Sorted by N. */
  readonly cpes: readonly CpeConfig[];
}

interface CpeDraft {
  addr?: { value: Uint8Array; line: number };
  range?: { first: number; last: number; line: number };
  name?: { value: string; line: number };
  mtu?: { value: number; line: number };
}

const CPE_KEY = /^Cpe([1-9]\d*)(AddrV6|PortRange|Name|Mtu)$/;
const RANGE = /^(\d{1,5})-(\d{1,5})$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function parsePaperConfig(text: string, file = 'prr.conf'): PaperConfig {
  const err = (line: number, detail: string): ConfigError => new ConfigError(detail, line, file);
  const top = new Map<string, { value: Uint8Array; line: number }>();
  const cpes = new Map<number, CpeDraft>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const content = raw.replace(/#.*$/, '').trim();
    if (content === '') return;
    const words = content.split(/\s+/);
    if (words.length !== 2) throw err(line, `expected "<key> <value>", got ${words.length} word(s): "${content}"`);
    const [key, value] = words as [string, string];
    if (key === 'PrrAddrV4' || key === 'IPv4Shared') {
      const v = ipv4FromText(value);
      if (!v) throw err(line, `${key}: "${value}" is not an IPv4 address`);
      if (top.has(key)) throw err(line, `${key} already set on line ${top.get(key)!.line}`);
      top.set(key, { value: v, line });
      return;
    }
    if (key === 'PrrAddrV6') {
      const v = ipv6FromText(value);
      if (!v) throw err(line, `${key}: "${value}" is not an IPv6 address`);
      if (top.has(key)) throw err(line, `${key} already set on line ${top.get(key)!.line}`);
      top.set(key, { value: v, line });
      return;
    }
    const m = CPE_KEY.exec(key);
    if (!m) throw err(line, `unknown key "${key}" (expected PrrAddrV4, PrrAddrV6, IPv4Shared, CpeN{AddrV6,PortRange,Name,Mtu})`);
    const n = Number(m[1]);
    const field = m[2] as 'AddrV6' | 'PortRange' | 'Name' | 'Mtu';
    const d = cpes.get(n) ?? {};
    cpes.set(n, d);
    const prop = ({ AddrV6: 'addr', PortRange: 'range', Name: 'name', Mtu: 'mtu' } as const)[field];
    const prev = d[prop];
    if (prev) throw err(line, `${key} already set on line ${prev.line}`);
    if (field === 'AddrV6') {
      const v = ipv6FromText(value);
      if (!v) throw err(line, `${key}: "${value}" is not an IPv6 address`);
      d.addr = { value: v, line };
    } else if (field === 'PortRange') {
      const r = RANGE.exec(value);
      if (!r) throw err(line, `${key}: "${value}" is not a port range like 10000-11000`);
      const first = Number(r[1]);
      const last = Number(r[2]);
      if (last > 65535 || first > last) throw err(line, `${key}: ${value} is not a range of ports 0-65535, first <= last`);
      if (first < MIN_SMAP_PORT) throw err(line, `${key}: ${value} starts below ${MIN_SMAP_PORT} (well-known ports are not shared)`);
      d.range = { first, last, line };
    } else if (field === 'Name') {
      if (!NAME.test(value)) throw err(line, `${key}: "${value}" is not a name (letters, digits, _ . -)`);
      d.name = { value, line };
    } else {
      const v = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
      if (!(v >= MIN_TUNNEL_MTU && v <= 65535)) throw err(line, `${key}: "${value}" is not an MTU between ${MIN_TUNNEL_MTU} and 65535`);
      d.mtu = { value: v, line };
    }
  });

  const need = (key: string): Uint8Array => {
    const v = top.get(key);
    if (!v) throw err(0, `missing ${key}`);
    return v.value;
  };
  const prrAddrV4 = need('PrrAddrV4');
  const prrAddrV6 = need('PrrAddrV6');
  const shared = need('IPv4Shared');

  // Each CPE is checked against the earlier ones (by N) through a port array
  // and an address map, not one by one: linear in the CPEs (the pairwise loop
  // took 101 s for 16,000). The error is still about the earliest CPE it
  // clashes with, the range before the address when it is the same CPE.
  const out: (CpeConfig & { rangeLine: number; addrLine: number })[] = [];
  const ownerOfPort = new Int32Array(65536).fill(-1);
  const byAddr = new Map<string, number>();
  for (const [n, d] of [...cpes.entries()].sort((a, b) => a[0] - b[0])) {
    const anyLine = (d.addr ?? d.range ?? d.name ?? d.mtu)!.line;
    if (!d.addr) throw err(anyLine, `Cpe${n} has no Cpe${n}AddrV6`);
    if (!d.range) throw err(anyLine, `Cpe${n} has no Cpe${n}PortRange`);
    const { first, last } = d.range;
    // Earlier ranges are disjoint, so each port is visited once by a CPE that passes.
    let overlap = -1;
    for (let p = first; p <= last; p++) {
      const o = ownerOfPort[p]!;
      if (o >= 0 && (overlap < 0 || o < overlap)) overlap = o;
    }
    const addrText = ipv6ToText(d.addr.value);
    const same = byAddr.get(addrText) ?? -1;
    if (overlap >= 0 && (same < 0 || overlap <= same)) {
      const o = out[overlap]!;
      throw err(d.range.line, `Cpe${n}PortRange ${first}-${last} overlaps Cpe${o.n}PortRange ${o.first}-${o.last} (line ${o.rangeLine})`);
    }
    if (same >= 0) {
      const o = out[same]!;
      throw err(d.addr.line, `Cpe${n}AddrV6 ${addrText} is also Cpe${o.n}'s (line ${o.addrLine})`);
    }
    ownerOfPort.fill(out.length, first, last + 1);
    byAddr.set(addrText, out.length);
    out.push({
      n,
      name: d.name?.value ?? `cpe${n}`,
      addrV6: d.addr.value,
      first,
      last,
      mtu: d.mtu?.value,
      rangeLine: d.range.line,
      addrLine: d.addr.line,
    });
  }
  const cpeList = out.map(({ n, name, addrV6, first, last, mtu }): CpeConfig => ({ n, name, addrV6, first, last, mtu }));
  return { prrAddrV4, prrAddrV6, shared, cpes: cpeList };
}

/** Writes the file back in the paper's key order; extension keys only where they differ from the default. */
export function formatPaperConfig(cfg: PaperConfig): string {
  const lines = [
    `PrrAddrV4 ${ipv4ToText(cfg.prrAddrV4)}`,
    `PrrAddrV6 ${ipv6ToText(cfg.prrAddrV6)}`,
    `IPv4Shared ${ipv4ToText(cfg.shared)}`,
  ];
  for (const c of cfg.cpes) {
    lines.push(`Cpe${c.n}AddrV6 ${ipv6ToText(c.addrV6)}`, `Cpe${c.n}PortRange ${c.first}-${c.last}`);
    if (c.name !== `cpe${c.n}`) lines.push(`Cpe${c.n}Name ${c.name}`);
    if (c.mtu !== undefined) lines.push(`Cpe${c.n}Mtu ${c.mtu}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The range table input for the PRR core. */
export function paperConfigToRangeTableInput(cfg: PaperConfig): RangeTableInput {
  return {
    shared: cfg.shared,
    prr: cfg.prrAddrV4,
    smaps: cfg.cpes.map((c) => ({ name: c.name, ipv6: c.addrV6, first: c.first, last: c.last, mtu: c.mtu ?? DEFAULT_TUNNEL_MTU })),
  };
}
