// Reads a named nftables counter now and then, for drops the kernel makes on
// a daemon's behalf: the PRR's IPv6 fragments, dropped before reassembly; a
// SMAP's conntrack-invalid packets, dropped before its tunnel.
// One netlink request a second (the addon's nftCounter), not an `nft` child:
// starting a process each second cost about 2% of this 2-core machine.
import { loadTunio } from '../io/tunio';

/** The nftables counter of the IPv6 fragments the PRR drops (sim/kinds/prr.ts writes the rule). */
export const FRAGMENT_COUNTER = { family: 'ip6', table: 'aplus_frag', name: 'fragments' } as const;

/** The nftables counter of the packets a SMAP drops as conntrack-invalid before its tunnel (sim/kinds/smap.ts, dropInvalid). */
export const INVALID_COUNTER = { family: 'ip', table: 'aplus_invalid', name: 'invalid' } as const;

export interface NftCounterPoll {
  close(): void;
}

/**
 * Calls `onCount` with the counter's packets now and every `everyMs`; a
 * counter that is not there (yet, or at all) is skipped, as `nft` failing was.
 */
export function pollNftCounter(family: 'ip' | 'ip6' | 'inet', table: string, name: string, onCount: (packets: number) => void, everyMs = 1000): NftCounterPoll {
  const { nftCounter } = loadTunio();
  const read = () => {
    const n = nftCounter(family, table, name);
    if (n >= 0) onCount(n);
  };
  read();
  const timer = setInterval(read, everyMs);
  timer.unref();
  return { close: () => clearInterval(timer) };
}
