// The second instrument of every delivered TCP flow: the server's own log.
// A flow the generator says was delivered must have been seen by the server,
// from its shared address, on a port of its own SMAP's: the far side's
// view of the NAT and the PRR, which no code on the near side can fake.
// Flows are joined by their tag (wire-protocol.ts flowTag), so the check is
// exact, not a count.
import { inPortSet, type PortSet } from '../aplus/core/port-set';

export interface ServerFlowLine {
  readonly event: string;
  /** The flow's tag, as the client sent it. */
  readonly flow?: string;
  /** Where the server saw the connection come from. */
  readonly peer?: string;
  readonly peerPort?: number;
}

/** A delivered TCP flow as the generator recorded it. */
export interface TaggedFlow {
  readonly tag: string;
  readonly smap: string;
}

/** A SMAP's shared address and its ports, `{ first, last }` or `{ psid }`. */
export type SmapSpace = PortSet & { readonly shared: string };

export interface ServerCrossCheck {
  /** Delivered TCP flows looked for in the server's log. */
  readonly checked: number;
  /** Of those, found there from the shared address on a port of their SMAP's range. */
  readonly agreed: number;
  /** Tags of delivered flows the server never logged (at most 10 kept). */
  readonly missing: readonly string[];
  readonly missingCount: number;
  /** Seen from another address, or from a port outside their SMAP's range (at most 10 kept). */
  readonly misplaced: readonly { readonly tag: string; readonly peer: string; readonly port: number; readonly smap: string }[];
  readonly misplacedCount: number;
}

const KEEP = 10;

/** Joins delivered flows with the server's log lines by tag. */
export function crossCheckServer(flows: readonly TaggedFlow[], lines: readonly ServerFlowLine[], smaps: Readonly<Record<string, SmapSpace>>): ServerCrossCheck {
  const seen = new Map<string, ServerFlowLine>();
  for (const l of lines) if (l.flow !== undefined) seen.set(l.flow, l);
  const missing: string[] = [];
  const misplaced: Array<ServerCrossCheck['misplaced'][number]> = [];
  let missingCount = 0, misplacedCount = 0, agreed = 0;
  for (const f of flows) {
    const l = seen.get(f.tag);
    const space = smaps[f.smap];
    if (!l) {
      if (missingCount++ < KEEP) missing.push(f.tag);
      continue;
    }
    const port = l.peerPort ?? -1;
    const peer = l.peer ?? '?';
    if (space && peerAddress(peer) === space.shared && inPortSet(space, port)) agreed++;
    else if (misplacedCount++ < KEEP) misplaced.push({ tag: f.tag, peer, port, smap: f.smap });
  }
  return { checked: flows.length, agreed, missing, missingCount, misplaced, misplacedCount };
}

/** Node gives an IPv4 peer on a dual-stack socket as ::ffff:a.b.c.d. */
const peerAddress = (a: string): string => (a.startsWith('::ffff:') ? a.slice(7) : a);

/** The server's JSON lines; lines that are not JSON objects are skipped. */
export function parseServerLog(text: string): ServerFlowLine[] {
  const out: ServerFlowLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const v = JSON.parse(line) as unknown;
      if (typeof v === 'object' && v !== null && typeof (v as ServerFlowLine).event === 'string') out.push(v as ServerFlowLine);
    } catch { /* a line cut by the copy: not a record */ }
  }
  return out;
}

/** One line: "2311 of 2311 delivered TCP flows seen by the server from 198.51.100.27 within their SMAP's range". */
export function describeCrossCheck(c: ServerCrossCheck): string {
  const head = `${c.agreed} of ${c.checked} delivered TCP flows seen by the server from the shared address within their SMAP's range`;
  const parts = [
    ...(c.missingCount > 0 ? [`${c.missingCount} never seen (${c.missing.slice(0, 3).join(', ')})`] : []),
    ...(c.misplacedCount > 0 ? [`${c.misplacedCount} from elsewhere (${c.misplaced.slice(0, 3).map((m) => `${m.tag} from ${m.peer}:${m.port}, ${m.smap}`).join('; ')})`] : []),
  ];
  return parts.length ? `${head}; ${parts.join('; ')}` : head;
}
