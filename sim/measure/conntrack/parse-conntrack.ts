// Parses /proc/net/nf_conntrack and `conntrack -L` output, which differ only
// in the first two columns: the proc file starts with the layer-3 name and
// number ("ipv4     2 "), conntrack -L does not unless `-o extended`. The
// rest is the kernel's ct_seq_show (net/netfilter/nf_conntrack_standalone.c):
//   l4 name, l4 number, timeout, [state], original tuple, [packets= bytes=],
//   [UNREPLIED], reply tuple, [packets= bytes=], [ASSURED], mark=, [zone=], use=
// The paper's Table V lines are conntrack -L lines. A bad line is skipped
// with a reason, never thrown: one odd entry must not lose a whole sample.
import type { ConntrackEntry, ConntrackParse, ConntrackTuple, SkippedLine } from './conntrack-entry';

const NUM = /^\d+$/;
const PORTED = new Set(['tcp', 'udp', 'udplite', 'sctp', 'dccp']);

interface TupleDraft {
  src?: string;
  dst?: string;
  sport?: number;
  dport?: number;
  type?: number;
  code?: number;
  id?: number;
  packets?: number;
  bytes?: number;
}

/** One line; a string is the reason it is not an entry. */
export function parseConntrackLine(line: string): ConntrackEntry | string {
  const tok = line.trim().split(/\s+/);
  let i = 0;
  let l3: 'ipv4' | 'ipv6' | undefined;
  if ((tok[0] === 'ipv4' || tok[0] === 'ipv6') && NUM.test(tok[1] ?? '')) {
    l3 = tok[0];
    i = 2;
  }
  const l4 = tok[i], proto = tok[i + 1];
  if (!l4 || !/^[a-z][a-z0-9]*$/.test(l4) || !proto || !NUM.test(proto)) return 'no protocol name and number at the start';
  i += 2;
  let timeout: number | undefined;
  if (NUM.test(tok[i] ?? '')) timeout = Number(tok[i++]);
  let state: string | undefined;
  const maybeState = tok[i];
  if (maybeState && /^[A-Z_0-9]+$/.test(maybeState)) {
    state = maybeState;
    i++;
  }

  const tuples: TupleDraft[] = [];
  const flags = new Set<string>();
  const extra: Record<string, string> = {};
  let mark: number | undefined, zone: number | undefined, use: number | undefined;
  for (const t of tok.slice(i)) {
    if (/^\[[A-Z_]+\]$/.test(t)) {
      flags.add(t.slice(1, -1));
      continue;
    }
    const eq = t.indexOf('=');
    if (eq <= 0) return `unexpected "${t}"`;
    const key = t.slice(0, eq), value = t.slice(eq + 1);
    if (key === 'src') tuples.push({});
    const cur = tuples[tuples.length - 1];
    const tupleKeys = ['src', 'dst', 'sport', 'dport', 'type', 'code', 'id', 'packets', 'bytes'] as const;
    if ((tupleKeys as readonly string[]).includes(key) && cur) {
      const k = key as (typeof tupleKeys)[number];
      if (k === 'src' || k === 'dst') cur[k] = value;
      else if (NUM.test(value)) cur[k] = Number(value);
      else return `${key}=${value} is not a number`;
    } else if (key === 'mark' || key === 'zone' || key === 'use') {
      if (!NUM.test(value)) return `${key}=${value} is not a number`;
      if (key === 'mark') mark = Number(value);
      else if (key === 'zone') zone = Number(value);
      else use = Number(value);
    } else if (tupleKeys.includes(key as never)) {
      return `${key}= before any src=`;
    } else extra[key] = value;
  }
  if (tuples.length !== 2) return `expected an original and a reply tuple, found ${tuples.length}`;
  const [o, r] = tuples as [TupleDraft, TupleDraft];
  const original = tupleOf(o, l4), reply = tupleOf(r, l4);
  if (typeof original === 'string') return `original tuple: ${original}`;
  if (typeof reply === 'string') return `reply tuple: ${reply}`;
  return {
    l3: l3 ?? (original.src.includes(':') ? 'ipv6' : 'ipv4'),
    l4,
    protocol: Number(proto),
    ...(timeout !== undefined && { timeout }),
    ...(state !== undefined && { state }),
    original,
    reply,
    unreplied: flags.has('UNREPLIED'),
    assured: flags.has('ASSURED'),
    offload: flags.has('OFFLOAD') || flags.has('HW_OFFLOAD'),
    ...(mark !== undefined && { mark }),
    ...(zone !== undefined && { zone }),
    ...(use !== undefined && { use }),
    extra,
  };
}

function tupleOf(d: TupleDraft, l4: string): ConntrackTuple | string {
  if (!d.src || !d.dst) return 'no src= or dst=';
  const base = {
    src: d.src,
    dst: d.dst,
    ...(d.packets !== undefined && { packets: d.packets }),
    ...(d.bytes !== undefined && { bytes: d.bytes }),
  };
  if (PORTED.has(l4)) {
    if (d.sport === undefined || d.dport === undefined) return `${l4} without sport= and dport=`;
    return { ...base, sport: d.sport, dport: d.dport };
  }
  if (d.type !== undefined && d.code !== undefined && d.id !== undefined)
    return { ...base, icmp: { type: d.type, code: d.code, id: d.id } };
  return base;
}

/** Every line of a dump; blank lines are not counted, anything else that is not an entry is. */
export function parseConntrack(text: string): ConntrackParse {
  const entries: ConntrackEntry[] = [];
  const skipped: SkippedLine[] = [];
  text.split('\n').forEach((raw, n) => {
    const line = raw.trim();
    if (!line) return;
    // conntrack -L ends with this on stderr; tolerate it when both are captured together.
    if (/^conntrack v[\d.]+ \(conntrack-tools\)/.test(line)) {
      skipped.push({ line: n + 1, text: raw, reason: 'the conntrack tool\'s summary line' });
      return;
    }
    const r = parseConntrackLine(line);
    if (typeof r === 'string') skipped.push({ line: n + 1, text: raw, reason: r });
    else entries.push(r);
  });
  return { entries, skipped };
}
