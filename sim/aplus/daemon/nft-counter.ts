// Reads a named nftables counter now and then, for drops the kernel makes on
// a daemon's behalf: the PRR's IPv6 fragments, dropped before reassembly; a
// SMAP's conntrack-invalid packets, dropped before its tunnel.
// One netlink request a second (the addon's nftCounter), not an `nft` child:
// starting a process each second cost about 2% of this 2-core machine.
import type { DropReason } from '../core/counters';
import { loadTunio } from '../io/tunio';

/** The nftables counter of the IPv6 fragments the PRR drops (sim/kinds/prr.ts writes the rule). */
export const FRAGMENT_COUNTER = { family: 'ip6', table: 'aplus_frag', name: 'fragments' } as const;

/** The nftables counter of the packets a SMAP drops as conntrack-invalid before its tunnel (sim/kinds/smap.ts, dropInvalid). */
export const INVALID_COUNTER = { family: 'ip', table: 'aplus_invalid', name: 'invalid' } as const;

export interface NftCounterPoll {
  close(): void;
}

/** A named counter that counts drops the kernel makes on a daemon's behalf. */
export interface KernelDropCounter {
  readonly family: 'ip' | 'ip6' | 'inet';
  readonly table: string;
  readonly name: string;
}

/**
 * Keeps `reason` in the daemon's counters equal to the kernel's counter: on a
 * change it sets it, logs `first` the first time, and has the counters file
 * rewritten (`touch`), since no packet of these reaches the daemon.
 */
export function pollKernelDrops(
  c: KernelDropCounter,
  counters: { setDrops(reason: DropReason, n: number): boolean },
  reason: DropReason,
  o: { readonly log: (line: string) => void; readonly first: string; readonly touch: () => void },
): NftCounterPoll {
  let seen = 0;
  return pollNftCounter(c.family, c.table, c.name, (n) => {
    if (n === seen) return;
    seen = n;
    if (counters.setDrops(reason, n)) o.log(`first drop of kind ${reason}: ${o.first}`);
    o.touch();
  });
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
