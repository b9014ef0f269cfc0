// Drops the addon makes itself, before any core sees the packet
// (native/tunio.c): each reason it keeps is a drop reason of the counters,
// so that what went in still adds up to what came out plus what was dropped.
import type { Counters, DropReason } from '../core/counters';
import type { AddonDrops } from '../io/tunio';

export const ADDON_DROP_REASONS = {
  shortReads: 'tun-short-read',
  badCsumOffsets: 'bad-csum-offset',
  noBuffer: 'no-buffer',
} as const satisfies Record<keyof AddonDrops, DropReason>;

const none: AddonDrops = { shortReads: 0, badCsumOffsets: 0, noBuffer: 0 };

/**
 * Keeps the latest counts of each handle (the TUN device, the raw socket) and
 * sets their sums in `counters`. `update` returns the reasons seen for the
 * first time, for the log.
 */
export function addonDropsInto(counters: Counters): { update(handle: 'tun' | 'raw', drops: AddonDrops): DropReason[] } {
  const latest: Record<'tun' | 'raw', AddonDrops> = { tun: none, raw: none };
  return {
    update(handle, drops) {
      latest[handle] = drops;
      const first: DropReason[] = [];
      for (const [key, reason] of Object.entries(ADDON_DROP_REASONS) as [keyof AddonDrops, DropReason][]) {
        if (counters.setDrops(reason, latest.tun[key] + latest.raw[key])) first.push(reason);
      }
      return first;
    },
  };
}
