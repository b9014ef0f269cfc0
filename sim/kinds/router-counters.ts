// A router's counters. A router runs no daemon, so they are read from its
// kernel when asked, exact at that moment: its container is its own network
// namespace, whose /proc/net/snmp6 counts only its packets, and the named
// nftables counters of its table (router.ts).
import { PTB_COUNTERS, PTB_TABLE } from './router';

/** Drops a router makes that lose a flow's packets. */
export const ROUTER_DROP_REASONS = ['too-big', 'ptb-dropped'] as const;
export type RouterDropReason = (typeof ROUTER_DROP_REASONS)[number];

/** What a router's counters say, in the shape `aplus counters --json` prints beside the daemons' files. */
export interface RouterCountersJson {
  readonly role: 'router';
  readonly at: string;
  /** IPv6 packets it forwarded (its nftables counter on the forward hook). */
  readonly forwarded: number;
  /** Packet Too Big that left it (its nftables counter ptb_sent, past the black-hole rule). */
  readonly ptbSent: number;
  readonly drops: {
    /** Packets too big for their next link (Ip6InTooBigErrors, counted by ip6_forward as it drops them); each gets a Packet Too Big. */
    readonly 'too-big': number;
    /** Its own Packet Too Big, dropped by the black-hole rule (`ptb: drop`; its nftables counter ptb_dropped). */
    readonly 'ptb-dropped': number;
  };
}

/** The names a scenario asserts a router's counters by (`check: router`). */
export const ROUTER_COUNTERS = ['forwarded', 'ptb-sent', 'too-big', 'ptb-dropped'] as const;
export type RouterCounterName = (typeof ROUTER_COUNTERS)[number];

export function routerCounter(c: RouterCountersJson, name: RouterCounterName): number {
  switch (name) {
    case 'forwarded':
      return c.forwarded;
    case 'ptb-sent':
      return c.ptbSent;
    default:
      return c.drops[name];
  }
}

/** The commands that read them, each an argv (no shell). */
export const ROUTER_COUNTER_READS = {
  nft: ['nft', '-j', 'list', 'counters', 'table', 'ip6', PTB_TABLE],
  snmp6: ['cat', '/proc/net/snmp6'],
} as const;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** /proc/net/snmp6: one `Name value` a line. */
export function parseSnmp6(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\w+)\s+(\d+)\s*$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

/** `nft -j list counters ...`: the packets of each named counter, by name. */
export function parseNftCounters(json: string): Parsed<Map<string, number>> {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'nft -j printed no JSON' };
  }
  const items = (doc as { nftables?: unknown } | null)?.nftables;
  if (!Array.isArray(items)) return { ok: false, reason: 'nft -j printed no "nftables" list' };
  const out = new Map<string, number>();
  for (const item of items as unknown[]) {
    const c = (item as { counter?: { name?: unknown; packets?: unknown } } | null)?.counter;
    if (c && typeof c.name === 'string' && typeof c.packets === 'number') out.set(c.name, c.packets);
  }
  return { ok: true, value: out };
}

export function parseRouterCounters(nftJson: string, snmp6: string, at: Date): Parsed<RouterCountersJson> {
  const nft = parseNftCounters(nftJson);
  if (!nft.ok) return nft;
  const snmp = parseSnmp6(snmp6);
  const missing = [
    ...Object.values(PTB_COUNTERS).filter((n) => !nft.value.has(n)).map((n) => `nftables counter ${n}`),
    ...['Ip6InTooBigErrors'].filter((n) => !snmp.has(n)).map((n) => `${n} in /proc/net/snmp6`),
  ];
  if (missing.length > 0) return { ok: false, reason: `no ${missing.join(', no ')}` };
  return {
    ok: true,
    value: {
      role: 'router',
      at: at.toISOString(),
      forwarded: nft.value.get(PTB_COUNTERS.forwarded)!,
      ptbSent: nft.value.get(PTB_COUNTERS.sent)!,
      drops: { 'too-big': snmp.get('Ip6InTooBigErrors')!, 'ptb-dropped': nft.value.get(PTB_COUNTERS.dropped)! },
    },
  };
}
