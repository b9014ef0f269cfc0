// A golden case file (test/golden/cases/*.txt, format in README.md): the
// packets fed to one path of the data plane, each in hand-checked hex with
// a comment per header field, what must come out, the verdicts, what tshark
// must read in each packet, and the counters. Nothing here uses the
// project's codec: the expected side stays independent of the code it tests.
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a case's packets go in and come out (README.md says where each is in the rig). */
export const GOLDEN_PATHS = ['prr-upstream', 'prr-downstream', 'smap-upstream', 'smap-downstream', 'prr-hairpin'] as const;
export type GoldenPath = (typeof GOLDEN_PATHS)[number];

/** tshark field name -> the value it must show (first occurrence). */
export type FieldExpectations = Readonly<Record<string, string>>;

export interface GoldenPacket {
  readonly what: string;
  /** `forward`, `encap`, `encap smap N`, `deliver`, `reply` (an ICMP error back out of the PRR's TUN), `held` (IPv6 reassembly) or `drop REASON`. */
  readonly verdict: string;
  readonly input: Uint8Array;
  readonly inputFields: FieldExpectations;
  readonly output: Uint8Array | undefined;
  readonly outputFields: FieldExpectations;
  /** 1-based line of `packet:`, for messages. */
  readonly line: number;
}

export interface FlowCount {
  readonly packets: number;
  readonly bytes: number;
}

/** One `counters` line: a node's totals, or one of the PRR's per-SMAP entries. Unnamed drops are 0. */
export interface CountersLine {
  readonly up: FlowCount;
  readonly down: FlowCount;
  readonly drops: Readonly<Record<string, number>>;
  readonly outOfRange: number;
}

export interface NodeCounters {
  readonly total: CountersLine;
  /** The PRR's per-SMAP counters by table index; absent ones are all zero. */
  readonly smaps: ReadonlyMap<number, CountersLine>;
}

export type GoldenNode = 'prr' | 'smap';

/** A case's `pmtud: rate R burst B`: the PRR runs with tunnel PMTU discovery and this limit on its ICMP errors (per second, burst). */
export interface IcmpLimit {
  readonly rate: number;
  readonly burst: number;
}

export interface GoldenCase {
  readonly name: string;
  readonly file: string;
  readonly path: GoldenPath;
  /** SMAP paths: the room the SMAP serves, 1 or 2 (prr.conf's Cpe1, Cpe2). */
  readonly room: number | undefined;
  /** prr-downstream only: the PRR answers with "fragmentation needed" (verdict `reply`), within this limit; its packets arrive at once. */
  readonly pmtud: IcmpLimit | undefined;
  /** `icmp: translate`: the PRR translates ICMP (policy icmp, its daemon's --icmp translate); absent, it drops it as the paper's. */
  readonly icmp: 'translate' | undefined;
  readonly packets: readonly GoldenPacket[];
  readonly counters: ReadonlyMap<GoldenNode, NodeCounters>;
}

/** A case file that cannot be read: says which file and line. */
export class CaseFileError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'CaseFileError';
  }
}

/** Hex bytes, `hh` each, or `hh*N` for N bytes of hh; `#` starts a comment. */
function hexBytes(text: string): number[] | string {
  const out: number[] = [];
  for (const token of text.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean)) {
    const m = /^([0-9a-f]{2})(?:\*(\d+))?$/.exec(token);
    if (!m) return `"${token}" is not a hex byte (hh, or hh*N for N of them)`;
    const byte = parseInt(m[1]!, 16);
    for (let i = 0; i < (m[2] === undefined ? 1 : Number(m[2])); i++) out.push(byte);
  }
  return out;
}

function fields(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf('=');
    if (eq <= 0) return `"${token}" is not field=value`;
    out[token.slice(0, eq)] = token.slice(eq + 1);
  }
  return out;
}

const flow = (s: string): FlowCount | undefined => {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  return m ? { packets: Number(m[1]), bytes: Number(m[2]) } : undefined;
};

/** `up P/B; down P/B; drop REASON N; out-of-range N` */
function countersLine(text: string): CountersLine | string {
  let up: FlowCount = { packets: 0, bytes: 0 };
  let down: FlowCount = { packets: 0, bytes: 0 };
  let outOfRange = 0;
  const drops: Record<string, number> = {};
  for (const item of text.split(';').map((s) => s.trim().split(/\s+/))) {
    const [key, a, b] = item;
    if ((key === 'up' || key === 'down') && a && flow(a) && b === undefined) {
      if (key === 'up') up = flow(a)!;
      else down = flow(a)!;
    } else if (key === 'drop' && a && b && /^\d+$/.test(b)) drops[a] = Number(b);
    else if (key === 'out-of-range' && a && /^\d+$/.test(a) && b === undefined) outOfRange = Number(a);
    else return `"${item.join(' ')}" is none of: up P/B, down P/B, drop REASON N, out-of-range N`;
  }
  return { up, down, drops, outOfRange };
}

interface Building {
  what: string;
  line: number;
  verdict?: string;
  input?: number[];
  inputFields?: Record<string, string>;
  output?: number[];
  outputFields?: Record<string, string>;
}

export function parseGoldenCase(text: string, file: string): GoldenCase {
  let path: GoldenPath | undefined;
  let room: number | undefined;
  let pmtud: IcmpLimit | undefined;
  let icmp: 'translate' | undefined;
  const packets: GoldenPacket[] = [];
  const counters = new Map<GoldenNode, { total?: CountersLine; smaps: Map<number, CountersLine> }>();
  let current: Building | undefined;
  let hexInto: number[] | undefined;
  const fail = (line: number, message: string): never => {
    throw new CaseFileError(file, line, message);
  };
  const finish = () => {
    if (!current) return;
    const c = current;
    if (!c.verdict || !c.input) fail(c.line, `packet "${c.what}" needs a verdict and an input`);
    packets.push({
      what: c.what,
      verdict: c.verdict!,
      input: Uint8Array.from(c.input!),
      inputFields: c.inputFields ?? {},
      output: c.output ? Uint8Array.from(c.output) : undefined,
      outputFields: c.outputFields ?? {},
      line: c.line,
    });
    current = undefined;
  };
  text.split('\n').forEach((raw, i) => {
    const n = i + 1;
    if (/^\s/.test(raw) && raw.trim() !== '') {
      if (!hexInto) fail(n, 'hex outside an in: or out: block');
      const bytes = hexBytes(raw);
      if (typeof bytes === 'string') fail(n, bytes);
      hexInto!.push(...(bytes as number[]));
      return;
    }
    hexInto = undefined;
    const line = raw.replace(/^#.*/, '').trim();
    if (line === '') return;
    const m = /^([a-z]+(?: [a-z0-9 ]+)?):\s*(.*)$/.exec(line);
    if (!m) return fail(n, `expected "key: value", got "${line}"`);
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'path') {
      if (!(GOLDEN_PATHS as readonly string[]).includes(value)) fail(n, `path "${value}" is none of ${GOLDEN_PATHS.join(', ')}`);
      path = value as GoldenPath;
    } else if (key === 'room') {
      if (value !== '1' && value !== '2') fail(n, `room "${value}": 1 or 2`);
      room = Number(value);
    } else if (key === 'pmtud') {
      const r = /^rate (\d+) burst (\d+)$/.exec(value);
      if (!r) return fail(n, `pmtud "${value}": rate R burst B (replies per second, burst)`);
      pmtud = { rate: Number(r[1]), burst: Number(r[2]) };
    } else if (key === 'icmp') {
      if (value !== 'translate') return fail(n, `icmp "${value}": translate (the default drops ICMP, as the paper's PRR)`);
      icmp = 'translate';
    } else if (key === 'packet') {
      finish();
      current = { what: value, line: n };
    } else if (key === 'verdict' || key === 'in' || key === 'out') {
      if (!current) return fail(n, `${key}: before any packet:`);
      if (key === 'verdict') current.verdict = value;
      else {
        const f = fields(value);
        if (typeof f === 'string') fail(n, f);
        hexInto = [];
        if (key === 'in') [current.input, current.inputFields] = [hexInto, f as Record<string, string>];
        else [current.output, current.outputFields] = [hexInto, f as Record<string, string>];
      }
    } else if (key.startsWith('counters')) {
      finish();
      const who = /^counters (prr|smap)(?: smap (\d+))?$/.exec(key);
      if (!who) return fail(n, `"${key}": counters prr, counters smap, or counters prr smap N`);
      const parsed = countersLine(value);
      if (typeof parsed === 'string') return fail(n, parsed);
      const node = who[1] as GoldenNode;
      const entry = counters.get(node) ?? { smaps: new Map<number, CountersLine>() };
      counters.set(node, entry);
      if (who[2] === undefined) entry.total = parsed;
      else entry.smaps.set(Number(who[2]), parsed);
    } else fail(n, `unknown key "${key}"`);
  });
  finish();
  if (!path) return fail(1, 'no path:');
  if (path.startsWith('smap') && room === undefined) fail(1, 'a SMAP path needs room: 1 or 2');
  if (pmtud && path !== 'prr-downstream') fail(1, 'pmtud: is for prr-downstream, where the PRR answers');
  if (icmp && !path.startsWith('prr')) fail(1, 'icmp: is the PRR\'s policy: for prr paths');
  const done = new Map<GoldenNode, NodeCounters>();
  for (const [node, c] of counters) {
    if (!c.total) fail(1, `per-SMAP counters of ${node} without its total line`);
    done.set(node, { total: c.total!, smaps: c.smaps });
  }
  return { name: basename(file, '.txt'), file, path: path!, room, pmtud, icmp, packets, counters: done };
}

export function readGoldenCase(file: string): GoldenCase {
  return parseGoldenCase(readFileSync(file, 'utf8'), file);
}

/** Every case in test/golden/cases, by name. */
export function readGoldenCases(dir = fileURLToPath(new URL('cases/', import.meta.url))): GoldenCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readGoldenCase(`${dir}${f}`))
    .sort((a, b) => a.name.localeCompare(b.name));
}
