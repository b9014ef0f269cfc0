// Drops that happen in the kernel, outside the core's sight, but on this
// tunnel end's account: packets the TUN device's queue dropped because the
// daemon did not read them in time, and payloads the raw socket's receive
// buffer had no room for. Read when the counters are written, so that under
// load what went in still adds up to what came out plus what was dropped.
import { readFileSync, readlinkSync } from 'node:fs';

export interface KernelDrops {
  /** /sys/class/net/<tun>/statistics/tx_dropped: the kernel's packets to us, dropped. */
  readonly tunQueue: number;
  /** The drops column of /proc/net/raw6 for our raw socket. */
  readonly rawSocket: number;
}

const num = (s: string | undefined) => (s === undefined || Number.isNaN(Number(s)) ? 0 : Number(s));

export function kernelDropsReader(tun: string, rawFd: number): () => KernelDrops {
  let inode: string | undefined;
  try {
    inode = /socket:\[(\d+)\]/.exec(readlinkSync(`/proc/self/fd/${rawFd}`))?.[1];
  } catch {
    inode = undefined;
  }
  return () => {
    let tunQueue = 0, rawSocket = 0;
    try {
      tunQueue = num(readFileSync(`/sys/class/net/${tun}/statistics/tx_dropped`, 'utf8').trim());
    } catch { /* the device is gone: nothing more can drop there */ }
    try {
      const line = readFileSync('/proc/net/raw6', 'utf8').split('\n').find((l) => inode && l.trim().split(/\s+/)[9] === inode);
      rawSocket = num(line?.trim().split(/\s+/).at(-1));
    } catch { /* no /proc: leave 0 */ }
    return { tunQueue, rawSocket };
  };
}
