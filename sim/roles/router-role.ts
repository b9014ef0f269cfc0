// An IPv6 router between SMAPs and the PRR (the runtime turns forwarding on).
// It sends ICMPv6 Packet Too Big when a packet does not fit its next link, as
// every router must (RFC 8201), unless it is a black hole (`ptb: drop`, RFC
// 2923 2.1): then an nftables rule drops its Packet Too Big on the way out.
// Both fates are counted in named counters (sim/roles/router-counters.ts
// reads them). A scenario event can switch this while traffic flows.
import type { PlannedNode } from '../plan/plan-types';

export const PTB_TABLE = 'aplus_ptb';

/**
 * The named counters of PTB_TABLE: Packet Too Big that left the router, those
 * its black hole dropped, and the packets it forwarded. The last is counted on
 * the forward hook, which ip6_forward reaches only once a packet fits its next
 * link: exact on any kernel, where Ip6OutForwDatagrams also counted the
 * too-big ones on 6.18 (430 against 400 captured).
 */
export const PTB_COUNTERS = { sent: 'ptb_sent', dropped: 'ptb_dropped', forwarded: 'forwarded' } as const;

/**
 * The shell that makes the router send or drop its Packet Too Big from now
 * on. A drop ends the chain, so what reaches the second rule was sent. One
 * nft transaction: no packet sees the chain empty halfway through a switch,
 * and the named counters outlive the flush, so every one stays counted.
 */
export function ptbCommand(mode: 'send' | 'drop'): string {
  const rule = (then: string) => `add rule ip6 ${PTB_TABLE} out icmpv6 type packet-too-big counter name ${then}`;
  return [
    "nft -f - <<'NFT'",
    `flush chain ip6 ${PTB_TABLE} out`,
    ...(mode === 'drop' ? [rule(`${PTB_COUNTERS.dropped} drop`)] : []),
    rule(PTB_COUNTERS.sent),
    'NFT',
  ].join('\n');
}

export function routerScript(node: PlannedNode): string {
  return `
nft -f - <<'NFT'
table ip6 ${PTB_TABLE} {
  counter ${PTB_COUNTERS.sent} { }
  counter ${PTB_COUNTERS.dropped} { }
  counter ${PTB_COUNTERS.forwarded} { }
  chain out {
    type filter hook output priority 0; policy accept;
  }
  chain forwarding {
    type filter hook forward priority 0; policy accept;
    counter name ${PTB_COUNTERS.forwarded}
  }
}
NFT
${ptbCommand(node.routerRole?.ptb ?? 'send')}
`;
}
