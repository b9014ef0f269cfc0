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
// `CpeNName <name>` (default "cpeN"), `CpeNMtu <bytes>` (the tunnel MTU,
// largest inner IPv4 packet; default 1460, paper Table IV); more shared
// addresses, `IPv4SharedN <address>` (N >= 2), and `CpeNShared <address>`,
// the one a CPE's ports are of (default IPv4Shared's); and an RFC 7597 port
// set in place of a range: `CpeNPsid <id>/<length>`, the PSID and its length
// in bits, with `CpeNPsidOffset <bits>` (default 6).
import { ipv4FromText, ipv4ToText, ipv6FromText, ipv6ToText } from '../codec/address';
import { ConfigError } from './config-error';
import { PortOwners } from './port-owners';
import { DEFAULT_PSID_OFFSET, formatPortSet, isPsidSet, psidProblem, type PortSet } from './port-set';
import { DEFAULT_TUNNEL_MTU, MIN_SMAP_PORT, MIN_TUNNEL_MTU, type RangeTableInput } from './range-table';

/** A CPE: its ports are `{ first, last }` (CpeNPortRange) or `{ psid }` (CpeNPsid...). */
export type CpeConfig = PortSet & {
  readonly n: number;
  readonly name: string;
  readonly addrV6: Uint8Array;
  readonly mtu: number | undefined;
  /** CpeNShared: the shared address its ports are of, when not IPv4Shared. */
  readonly shared?: Uint8Array | undefined;
};

export interface PaperConfig {
  readonly prrAddrV4: Uint8Array;
  readonly prrAddrV6: Uint8Array;
  /** IPv4Shared: the paper's one shared address. */
  readonly shared: Uint8Array;
  /** IPv4Shared2, IPv4Shared3...: more of them, in N order. */
  readonly moreShared: readonly Uint8Array[];
  /** Sorted by N. */
  readonly cpes: readonly CpeConfig[];
}

interface At<T> {
  readonly value: T;
  readonly line: number;
}

/**
 * A CPE's keys as read so far, and the line each came from (0: not given).
 * Flat, every field there from the start: 65,536 of them share one shape and
 * make no object per key.
 */
class CpeDraft {
  readonly line: Record<CpeField, number> = { AddrV6: 0, PortRange: 0, Name: 0, Mtu: 0, Shared: 0, PsidOffset: 0, Psid: 0 };
  addr: Uint8Array | undefined = undefined;
  first = 0;
  last = 0;
  name: string | undefined = undefined;
  mtu: number | undefined = undefined;
  /** As written: every valid IPv4 text is the one ipv4ToText writes (no leading zeros), so it is looked up as text. */
  shared: string | undefined = undefined;
  psidId = 0;
  psidLength = 0;
  psidOffset: number | undefined = undefined;
}

type CpeField = 'AddrV6' | 'PortRange' | 'Name' | 'Mtu' | 'Shared' | 'PsidOffset' | 'Psid';
const CPE_KEY = /^Cpe([1-9]\d*)(AddrV6|PortRange|Name|Mtu|Shared|PsidOffset|Psid)$/;
const PSID = /^(\d{1,5})\/(\d{1,2})$/;
/** `<key> <value>`, blanks around, a `#` comment after. */
const WORDS = /^\s*([^\s#]+)\s+([^\s#]+)\s*(?:#.*)?$/;
const MORE_SHARED = /^IPv4Shared([2-9]|[1-9]\d+)$/;
const RANGE = /^(\d{1,5})-(\d{1,5})$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const SMALL = /^\d{1,5}$/;

type ErrorAt = (line: number, detail: string) => ConfigError;


function v4Value(key: string, value: string, line: number, err: ErrorAt): Uint8Array {
  const v = ipv4FromText(value);
  if (!v) throw err(line, `${key}: "${value}" is not an IPv4 address`);
  return v;
}

/** One `CpeN<field> <value>` line into its CPE's draft. */
function readCpeKey(d: CpeDraft, field: CpeField, key: string, value: string, line: number, err: ErrorAt): void {
  const prev = d.line[field];
  if (prev > 0) throw err(line, `${key} already set on line ${prev}`);
  d.line[field] = line;
  if (field === 'AddrV6') {
    const v = ipv6FromText(value);
    if (!v) throw err(line, `${key}: "${value}" is not an IPv6 address`);
    d.addr = v;
  } else if (field === 'PortRange') {
    const r = RANGE.exec(value);
    if (!r) throw err(line, `${key}: "${value}" is not a port range like 10000-11000`);
    const first = Number(r[1]);
    const last = Number(r[2]);
    if (last > 65535 || first > last) throw err(line, `${key}: ${value} is not a range of ports 0-65535, first <= last`);
    if (first < MIN_SMAP_PORT) throw err(line, `${key}: ${value} starts below ${MIN_SMAP_PORT} (well-known ports are not shared)`);
    d.first = first;
    d.last = last;
  } else if (field === 'Name') {
    if (!NAME.test(value)) throw err(line, `${key}: "${value}" is not a name (letters, digits, _ . -)`);
    d.name = value;
  } else if (field === 'Mtu') {
    const v = SMALL.test(value) ? Number(value) : NaN;
    if (!(v >= MIN_TUNNEL_MTU && v <= 65535)) throw err(line, `${key}: "${value}" is not an MTU between ${MIN_TUNNEL_MTU} and 65535`);
    d.mtu = v;
  } else if (field === 'Shared') {
    d.shared = value;
  } else if (field === 'Psid') {
    // Checked with the offset, once the CPE's keys are all read.
    const p = PSID.exec(value);
    if (!p) throw err(line, `${key}: "${value}" is not a PSID and its length in bits, like 52/8`);
    d.psidId = Number(p[1]);
    d.psidLength = Number(p[2]);
  } else {
    if (!SMALL.test(value)) throw err(line, `${key}: "${value}" is not a number`);
    d.psidOffset = Number(value);
  }
}

export function parsePaperConfig(text: string, file = 'prr.conf'): PaperConfig {
  const err = (line: number, detail: string): ConfigError => new ConfigError(detail, line, file);
  const top = new Map<string, At<Uint8Array>>();
  const more = new Map<number, At<Uint8Array> & { key: string }>();
  const cpes = new Map<number, CpeDraft>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!;
    // One match a line, not a trim, a split and slices: this runs 260,000 times for 65,536 CPEs.
    const words = WORDS.exec(raw);
    if (!words) {
      const content = raw.replace(/#.*$/, '').trim();
      if (content === '') continue;
      throw err(line, `expected "<key> <value>", got ${content.split(/\s+/).length} word(s): "${content}"`);
    }
    const key = words[1]!;
    const value = words[2]!;
    const m = key.startsWith('Cpe') ? CPE_KEY.exec(key) : null;
    if (m) {
      const n = Number(m[1]);
      let d = cpes.get(n);
      if (!d) cpes.set(n, (d = new CpeDraft()));
      readCpeKey(d, m[2] as CpeField, key, value, line, err);
      continue;
    }
    if (key === 'PrrAddrV4' || key === 'IPv4Shared' || key === 'PrrAddrV6') {
      const v = key === 'PrrAddrV6' ? ipv6FromText(value) : v4Value(key, value, line, err);
      if (!v) throw err(line, `${key}: "${value}" is not an IPv6 address`);
      if (top.has(key)) throw err(line, `${key} already set on line ${top.get(key)!.line}`);
      top.set(key, { value: v, line });
      continue;
    }
    const shared = MORE_SHARED.exec(key);
    if (shared) {
      const n = Number(shared[1]);
      if (more.has(n)) throw err(line, `${key} already set on line ${more.get(n)!.line}`);
      more.set(n, { value: v4Value(key, value, line, err), line, key });
      continue;
    }
    throw err(line, `unknown key "${key}" (expected PrrAddrV4, PrrAddrV6, IPv4Shared, IPv4SharedN, CpeN{AddrV6,PortRange,Name,Mtu,Shared,Psid,PsidOffset})`);
  }

  const need = (key: string): Uint8Array => {
    const v = top.get(key);
    if (!v) throw err(0, `missing ${key}`);
    return v.value;
  };
  const prrAddrV4 = need('PrrAddrV4');
  const prrAddrV6 = need('PrrAddrV6');
  const shared = need('IPv4Shared');
  const moreShared = [...more.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
  const sharedIndex = new Map<string, number>([[ipv4ToText(shared), 0]]);
  moreShared.forEach((s, i) => {
    const text = ipv4ToText(s.value);
    const other = sharedIndex.get(text);
    if (other !== undefined) throw err(s.line, `${s.key} ${text} is also ${other === 0 ? 'IPv4Shared' : moreShared[other - 1]!.key}`);
    sharedIndex.set(text, i + 1);
  });
  const sharedAddresses = [shared, ...moreShared.map((s) => s.value)];

  const drafts = [...cpes.entries()].sort((a, b) => a[0] - b[0]).map(([n, d]) => cpeFrom(n, d, sharedIndex, sharedAddresses, err));
  // Each CPE is checked against the earlier ones (by N) through an owner
  // array per shared address and an address map, not one by one: linear in
  // the CPEs (the pairwise loop took 101 s for 16,000). The error is still
  // about the earliest CPE it clashes with, the ports before the address
  // when it is the same CPE.
  const bound = sharedAddresses.map(() => [] as PortSet[]);
  for (const c of drafts) bound[c.sharedIndex]!.push(c.cpe);
  const owners = bound.map((sets) => PortOwners.for(sets));
  const byAddr = new Map<string, number>();
  drafts.forEach((c, i) => {
    const { n } = c.cpe;
    const overlap = owners[c.sharedIndex]!.claim(c.cpe, i);
    const addrKey = String.fromCharCode(...c.cpe.addrV6);
    const same = byAddr.get(addrKey) ?? -1;
    if (overlap && (same < 0 || overlap.owner <= same)) {
      const o = drafts[overlap.owner]!;
      const of = moreShared.length > 0 ? ` of ${ipv4ToText(c.cpe.shared ?? shared)}` : '';
      throw err(c.portsLine, `${portsKey(c.cpe)} overlaps ${portsKey(o.cpe)} (line ${o.portsLine}) at port ${overlap.port}${of}`);
    }
    if (same >= 0) {
      const o = drafts[same]!;
      throw err(c.addrLine, `Cpe${n}AddrV6 ${ipv6ToText(c.cpe.addrV6)} is also Cpe${o.cpe.n}'s (line ${o.addrLine})`);
    }
    byAddr.set(addrKey, i);
  });
  return { prrAddrV4, prrAddrV6, shared, moreShared: moreShared.map((s) => s.value), cpes: drafts.map((c) => c.cpe) };
}

interface CheckedCpe {
  readonly cpe: CpeConfig;
  readonly sharedIndex: number;
  readonly portsLine: number;
  readonly addrLine: number;
}

/** A CPE's keys made one CPE, or the error of the first one missing or at odds with the others. */
function cpeFrom(n: number, d: CpeDraft, sharedIndex: ReadonlyMap<string, number>, sharedAddresses: readonly Uint8Array[], err: ErrorAt): CheckedCpe {
  const at = d.line;
  const anyLine = at.AddrV6 || at.PortRange || at.Psid || at.Name || at.Mtu || at.Shared || at.PsidOffset;
  if (!d.addr) throw err(anyLine, `Cpe${n} has no Cpe${n}AddrV6`);
  if (at.PortRange && at.Psid) throw err(at.Psid, `Cpe${n} has both Cpe${n}PortRange (line ${at.PortRange}) and Cpe${n}Psid: one or the other`);
  if (!at.Psid && at.PsidOffset) throw err(at.PsidOffset, `Cpe${n}PsidOffset goes with a Cpe${n}Psid`);
  if (!at.PortRange && !at.Psid) throw err(anyLine, `Cpe${n} has no Cpe${n}PortRange (nor Cpe${n}Psid)`);
  const index = d.shared === undefined ? 0 : sharedIndex.get(d.shared);
  if (index === undefined) {
    v4Value(`Cpe${n}Shared`, d.shared!, at.Shared, err);
    throw err(at.Shared, `Cpe${n}Shared ${d.shared} is neither IPv4Shared nor an IPv4SharedN`);
  }
  const name = d.name ?? `cpe${n}`;
  const shared = d.shared === undefined ? undefined : sharedAddresses[index];
  // Literals, not spreads: a spread after other keys takes V8's slow path, 65,536 times.
  if (at.PortRange) {
    return { cpe: { first: d.first, last: d.last, n, name, addrV6: d.addr, mtu: d.mtu, shared }, sharedIndex: index, portsLine: at.PortRange, addrLine: at.AddrV6 };
  }
  const psid = { offset: d.psidOffset ?? DEFAULT_PSID_OFFSET, length: d.psidLength, id: d.psidId };
  const problem = psidProblem(psid);
  if (problem) {
    const key = problem.key === 'offset' ? 'PsidOffset' : 'Psid';
    throw err(at[key], `Cpe${n}${key} ${psid.id}/${psid.length}, offset ${psid.offset}: PSID ${problem.key} ${problem.message}`);
  }
  return { cpe: { psid, n, name, addrV6: d.addr, mtu: d.mtu, shared }, sharedIndex: index, portsLine: at.Psid, addrLine: at.AddrV6 };
}

/** `Cpe1PortRange 10000-11000`, `Cpe3Psid 5/6 (offset 6)`: the key that gave a CPE its ports. */
const portsKey = (c: CpeConfig): string =>
  isPsidSet(c) ? `Cpe${c.n}Psid ${c.psid.id}/${c.psid.length} (offset ${c.psid.offset})` : `Cpe${c.n}PortRange ${formatPortSet(c)}`;

/** Writes the file back in the paper's key order; extension keys only where they differ from the default. */
export function formatPaperConfig(cfg: PaperConfig): string {
  const lines = [
    `PrrAddrV4 ${ipv4ToText(cfg.prrAddrV4)}`,
    `PrrAddrV6 ${ipv6ToText(cfg.prrAddrV6)}`,
    `IPv4Shared ${ipv4ToText(cfg.shared)}`,
    ...cfg.moreShared.map((s, i) => `IPv4Shared${i + 2} ${ipv4ToText(s)}`),
  ];
  for (const c of cfg.cpes) {
    lines.push(`Cpe${c.n}AddrV6 ${ipv6ToText(c.addrV6)}`);
    if (!isPsidSet(c)) lines.push(`Cpe${c.n}PortRange ${c.first}-${c.last}`);
    else lines.push(`Cpe${c.n}Psid ${c.psid.id}/${c.psid.length}`, ...(c.psid.offset !== DEFAULT_PSID_OFFSET ? [`Cpe${c.n}PsidOffset ${c.psid.offset}`] : []));
    if (c.shared) lines.push(`Cpe${c.n}Shared ${ipv4ToText(c.shared)}`);
    if (c.name !== `cpe${c.n}`) lines.push(`Cpe${c.n}Name ${c.name}`);
    if (c.mtu !== undefined) lines.push(`Cpe${c.n}Mtu ${c.mtu}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The range table input for the PRR core. */
export function paperConfigToRangeTableInput(cfg: PaperConfig): RangeTableInput {
  return {
    shared: cfg.shared,
    moreShared: cfg.moreShared,
    prr: cfg.prrAddrV4,
    smaps: cfg.cpes.map((c) => {
      const mtu = c.mtu ?? DEFAULT_TUNNEL_MTU;
      const shared = c.shared ?? cfg.shared;
      return isPsidSet(c) ? { psid: c.psid, name: c.name, ipv6: c.addrV6, mtu, shared } : { first: c.first, last: c.last, name: c.name, ipv6: c.addrV6, mtu, shared };
    }),
  };
}
