// An IPv6 router between SMAPs and the PRR (its kind forwards). It sends
// ICMPv6 Packet Too Big when a packet does not fit its next link, as every
// router must (RFC 8201), unless it is a black hole (`ptb: drop`, RFC 2923
// 2.1): then an nftables rule drops its Packet Too Big on the way out. Both
// fates are counted in named counters (router-counters.ts reads them). A
// scenario event can switch this while traffic flows.
import { nftArgv, type NftDocument } from '../node-setup/nft-document';
import type { Step } from '../node-setup/steps';
import type { PlannedNode } from '../plan/plan-types';
import type { NodeKind } from './node-kind';
import { addChain, addCounter, addRule, addTable, countTo, DROP, flushChain, match, nftDocument, payload, PRIORITY } from './nft';

export const PTB_TABLE = 'aplus_ptb';

/**
 * The named counters of PTB_TABLE: Packet Too Big that left the router, those
 * its black hole dropped, and the packets it forwarded. The last is counted on
 * the forward hook, which ip6_forward reaches only once a packet fits its next
 * link: exact on any kernel, where Ip6OutForwDatagrams also counted the
 * too-big ones on 6.18 (430 against 400 captured).
 */
export const PTB_COUNTERS = { sent: 'ptb_sent', dropped: 'ptb_dropped', forwarded: 'forwarded' } as const;

function ptbTable(): NftDocument {
  return nftDocument(
    addTable('ip6', PTB_TABLE),
    ...Object.values(PTB_COUNTERS).map((name) => addCounter('ip6', PTB_TABLE, name)),
    addChain({ family: 'ip6', table: PTB_TABLE, name: 'out', type: 'filter', hook: 'output', prio: PRIORITY.filter, policy: 'accept' }),
    addChain({ family: 'ip6', table: PTB_TABLE, name: 'forwarding', type: 'filter', hook: 'forward', prio: PRIORITY.filter, policy: 'accept' }),
    addRule('ip6', PTB_TABLE, 'forwarding', [countTo(PTB_COUNTERS.forwarded)]),
  );
}

/**
 * Makes the router send or drop its Packet Too Big from now on. A drop ends
 * the chain, so what reaches the second rule was sent. One transaction: no
 * packet sees the chain empty halfway through a switch, and the named
 * counters outlive the flush, so every one stays counted.
 */
export function ptbDocument(mode: 'send' | 'drop'): NftDocument {
  const rule = (...then: ReturnType<typeof countTo>[]) => addRule('ip6', PTB_TABLE, 'out', [match(payload('icmpv6', 'type'), 'packet-too-big'), ...then]);
  return nftDocument(
    flushChain('ip6', PTB_TABLE, 'out'),
    ...(mode === 'drop' ? [rule(countTo(PTB_COUNTERS.dropped), DROP)] : []),
    rule(countTo(PTB_COUNTERS.sent)),
  );
}

/** The same, as one argv a scenario runs in the router while traffic flows (nft reads JSON from its command line). */
export const ptbArgv = (mode: 'send' | 'drop'): string[] => nftArgv(ptbDocument(mode));

function setup(node: PlannedNode): Step[] {
  return [{ nft: ptbTable() }, { nft: ptbDocument(node.routerRole?.ptb ?? 'send') }];
}

export const routerKind: NodeKind = {
  role: 'router',
  image: { programs: {}, addons: [] },
  cpuWeight: 4096,
  routing: true,
  sysctls: () => ({}),
  setup,
  files: {},
};
