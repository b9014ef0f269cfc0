// The likeliest cause of a failed flow, from the counters on its path
// (client -> its SMAP -> the routers between -> the PRR -> the server): the
// largest drop counter there, naming node and reason. Counters are kept per
// node (and by the PRR per SMAP), not per flow, so this names where that
// path lost packets in the largest number: where to look first.
import { DROP_REASONS, WITHHELD_REPLIES, type DropReason } from '../aplus/core/counters';
import type { PathHop, SmapPaths } from '../plan/smap-paths';
import { ROUTER_DROP_REASONS } from '../kinds/router-counters';
import type { FailureReason } from '../traffic/generator/flow-record';
import type { FailureCause, FlowRecord, Measured } from './measured-data';

export type { FailureCause };

/** What the attribution reads of a run. */
export type PathEvidence = Pick<Measured, 'counters' | 'routers' | 'natFailures'>;

const NO_DROP: FailureCause = { kind: 'no-drop', text: 'no drop counted on the path' };

/** Failures that lost nothing on the path: the client's own limits, or an answer from the far end. */
const NOT_A_LOSS: Readonly<Record<string, string>> = {
  'ports-exhausted': 'the client\'s kernel had no local port left',
  'fd-exhausted': 'the generator ran out of file descriptors',
  'not-started': 'never started: the run\'s deadline came first',
  refused: 'the server refused it',
  'dns-nxdomain': 'the DNS server answered that the name does not exist',
  'dns-error': 'the DNS server answered with an error',
  'dns-no-answer': 'the DNS server answered without an address',
} satisfies Partial<Record<FailureReason, string>>;

/** Drops only a large packet meets (and the replies withheld about too-big ones): they cannot lose a DNS exchange, whose packets are small (RFC 1035: 512 bytes without EDNS). */
const SIZED: ReadonlySet<string> = new Set<DropReason | (typeof ROUTER_DROP_REASONS)[number]>(['too-big', 'ptb-dropped', 'fragment', 'ipv6-fragment', ...WITHHELD_REPLIES]);

interface Counted {
  readonly node: string;
  readonly counter: string;
  readonly count: number;
  readonly text: string;
  readonly sized: boolean;
}

const thousands = (n: number) => n.toLocaleString('en-US');

function counted(node: string, counter: string, count: number | undefined, text: (n: string) => string, reason = ''): Counted[] {
  return count !== undefined && count > 0 ? [{ node, counter, count, text: text(thousands(count)), sized: SIZED.has(reason) }] : [];
}

function smapDrops(node: string, e: PathEvidence): Counted[] {
  const c = e.counters[node];
  const who = `SMAP ${node}`;
  return [
    ...DROP_REASONS.flatMap((r) => counted(node, `drops.${r}`, c?.drops[r], (n) => `${who} dropped ${n} ${r}`, r)),
    ...counted(node, 'kernel.tunQueue', c?.kernel?.tunQueue, (n) => `${who} dropped ${n} in its TUN queue (its daemon did not keep up)`),
    ...counted(node, 'kernel.rawSocket', c?.kernel?.rawSocket, (n) => `${who} dropped ${n} in its raw socket's buffer`),
    ...counted(node, 'conntrack insert_failed', e.natFailures?.[node], (n) => `${who}'s NAT could not map ${n} connections`),
  ];
}

/** A black hole drops the Packet Too Big each too-big packet is owed: said with them, since that is why the sender never learns. */
function routerDrops(node: string, e: PathEvidence): Counted[] {
  const c = e.routers?.[node];
  const dark = c && c.drops['ptb-dropped'] > 0 ? ` (and ${thousands(c.drops['ptb-dropped'])} of their Packet Too Big: a black hole)` : '';
  const text = {
    'too-big': (n: string) => `router ${node} dropped ${n} too big for its next link${dark}`,
    'ptb-dropped': (n: string) => `router ${node} dropped ${n} of its Packet Too Big`,
  };
  return ROUTER_DROP_REASONS.flatMap((r) => counted(node, `drops.${r}`, c?.drops[r], text[r], r));
}

/** The PRR's drops for this SMAP, then those it could not tell by SMAP (a reason's total less its per-SMAP counts), then its kernel's. */
function prrDrops(node: string, smap: string, e: PathEvidence): Counted[] {
  const c = e.counters[node];
  if (!c) return [];
  const who = node.toLowerCase() === 'prr' ? 'PRR' : `PRR ${node}`;
  const mine = c.smaps?.find((s) => s.name === smap);
  const perSmap = (r: DropReason) => (c.smaps ?? []).reduce((n, s) => n + (s.drops[r] ?? 0), 0);
  return [
    ...DROP_REASONS.flatMap((r) => counted(node, `smaps[${smap}].drops.${r}`, mine?.drops[r], (n) => `${who} dropped ${n} ${r} for SMAP ${smap}`, r)),
    ...DROP_REASONS.flatMap((r) => counted(node, `drops.${r}`, (c.drops[r] ?? 0) - perSmap(r), (n) => `${who} dropped ${n} ${r}, not counted per SMAP`, r)),
    ...counted(node, 'kernel.tunQueue', c.kernel?.tunQueue, (n) => `${who} dropped ${n} in its TUN queue (its daemon did not keep up)`),
    ...counted(node, 'kernel.rawSocket', c.kernel?.rawSocket, (n) => `${who} dropped ${n} in its raw socket's buffer`),
  ];
}

/** Every nonzero drop counter a flow of `smap` crosses, in path order. */
export function dropsOnPath(path: readonly PathHop[], smap: string, e: PathEvidence): Counted[] {
  return path.flatMap((hop) => (hop.role === 'smap' ? smapDrops(hop.node, e) : hop.role === 'router' ? routerDrops(hop.node, e) : prrDrops(hop.node, smap, e)));
}

/**
 * The largest drop counter on the path (the first of equals, nearest the
 * client); for a flow of small packets (`small`), drops that only large
 * packets meet are passed over.
 */
export function likeliestCause(path: readonly PathHop[], smap: string, e: PathEvidence, small = false): FailureCause {
  const best = dropsOnPath(path, smap, e)
    .filter((d) => !(small && d.sized))
    .reduce<Counted | undefined>((b, d) => (b === undefined || d.count > b.count ? d : b), undefined);
  return best ? { kind: 'drop', node: best.node, counter: best.counter, count: best.count, text: best.text } : NO_DROP;
}

/** The flows, each failed one with its cause; computed once per SMAP and kind of failure, which share a path and counters. */
export function attributeFailures<F extends FlowRecord>(flows: readonly F[], paths: SmapPaths, e: PathEvidence): F[] {
  const memo = new Map<string, FailureCause>();
  return flows.map((f) => {
    if (f.ok) return f;
    const answered = f.reason === undefined ? undefined : NOT_A_LOSS[f.reason];
    if (answered) return { ...f, cause: { kind: 'not-a-loss', text: answered } };
    const small = f.reason?.startsWith('dns-') === true;
    const key = `${f.smap} ${small}`;
    let cause = memo.get(key);
    if (!cause) memo.set(key, (cause = likeliestCause(paths[f.smap] ?? [], f.smap, e, small)));
    return { ...f, cause };
  });
}

/**
 * The losses' causes, as a verdict says them: the one cause ("PRR dropped
 * 21,893 too-big for SMAP big"), or the most frequent few with their flows.
 * Undefined when no failed flow carries a loss's cause.
 */
export function describeCauses(flows: readonly FlowRecord[], most = 3): string | undefined {
  const n = new Map<string, number>();
  for (const f of flows) if (!f.ok && f.cause && f.cause.kind !== 'not-a-loss') n.set(f.cause.text, (n.get(f.cause.text) ?? 0) + 1);
  const sorted = [...n].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (sorted.length <= 1) return sorted[0]?.[0];
  const shown = sorted.slice(0, most).map(([text, k]) => `${text} (${k} flow${k === 1 ? '' : 's'})`);
  return `causes: ${shown.join(', ')}${sorted.length > most ? `, and ${sorted.length - most} more` : ''}`;
}
