// An IPv6 router between SMAPs and the PRR (the runtime turns forwarding on).
// It sends ICMPv6 Packet Too Big when a packet does not fit its next link, as
// every router must (RFC 8201), unless it is a black hole (`ptb: drop`, RFC
// 2923 2.1): then an nftables rule drops its Packet Too Big on the way out,
// counted. A scenario event can switch this while traffic flows.
import type { PlannedNode } from '../plan/plan-types';

export const PTB_TABLE = 'aplus_ptb';

/** The shell that makes the router send or drop its Packet Too Big from now on. */
export function ptbCommand(mode: 'send' | 'drop'): string {
  return [
    `nft flush chain ip6 ${PTB_TABLE} out`,
    ...(mode === 'drop' ? [`nft add rule ip6 ${PTB_TABLE} out icmpv6 type packet-too-big counter name ptb_dropped drop`] : []),
  ].join('\n');
}

export function routerScript(node: PlannedNode): string {
  return `
nft -f - <<'NFT'
table ip6 ${PTB_TABLE} {
  counter ptb_dropped { }
  chain out {
    type filter hook output priority 0; policy accept;
  }
}
NFT
${ptbCommand(node.routerRole?.ptb ?? 'send')}
`;
}
