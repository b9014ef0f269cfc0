// Reads a named nftables counter now and then, without blocking the packet
// loop (an `nft -j` child process), for drops the kernel makes on a daemon's
// behalf: the PRR's IPv6 fragments, dropped before reassembly.
import { execFile } from 'node:child_process';

/** The nftables counter of the IPv6 fragments the PRR drops (sim/roles/prr-role.ts writes the rule). */
export const FRAGMENT_COUNTER = { family: 'ip6', table: 'aplus_frag', name: 'fragments' } as const;

export interface NftCounterPoll {
  close(): void;
}

/** The packets of counter `name` in an `nft -j list counter` answer; undefined if absent. */
export function packetsOf(json: string, name: string): number | undefined {
  try {
    const doc = JSON.parse(json) as { nftables?: Array<{ counter?: { name?: string; packets?: number } }> };
    const c = doc.nftables?.find((e) => e.counter?.name === name)?.counter;
    return typeof c?.packets === 'number' ? c.packets : undefined;
  } catch {
    return undefined;
  }
}

export function pollNftCounter(family: string, table: string, name: string, onCount: (packets: number) => void, everyMs = 1000): NftCounterPoll {
  let busy = false;
  const read = () => {
    if (busy) return;
    busy = true;
    execFile('nft', ['-j', 'list', 'counter', family, table, name], (err, stdout) => {
      busy = false;
      const n = err ? undefined : packetsOf(stdout, name);
      if (n !== undefined) onCount(n);
    });
  };
  read();
  const timer = setInterval(read, everyMs);
  timer.unref();
  return { close: () => clearInterval(timer) };
}
