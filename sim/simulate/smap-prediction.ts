// The simulator's prediction for an emulated run (issue 16, validation): the
// ports each SMAP's NAT will hold at once, from the plans of the generators
// behind it, each planned as the generator plans it (its seed, from its
// start), with the conntrack timeouts the SMAPs' kernels really had. The
// run's port sampler (conntrack entries) is the measurement it is held to.
import type { ConntrackTimeouts } from '../traffic/conntrack-timeouts';
import { planItems } from '../traffic/generator/plan-items';
import type { ScaledProfile } from '../traffic/scale-profile';
import { peaksOfHolds, portHold, type Peaks, type PortHold } from './port-holds';

/** The timeouts that decide how long a port stays taken (port-holds.ts). */
export type SmapTimeouts = Pick<ConntrackTimeouts, 'udp' | 'udpStream' | 'tcpTimeWait'>;

/** One emulated user: its generator's profile and seed, its SMAP, and when it starts (seconds from t0). */
export interface EmulatedUser {
  readonly smap: string;
  readonly start: number;
  readonly profile: Pick<ScaledProfile, 'phases'>;
  readonly seed: number;
}

/** Each SMAP's holds: those of all its users, each from its own start. */
export function smapHolds(users: readonly EmulatedUser[], ct: SmapTimeouts): Map<string, PortHold[]> {
  const holds = new Map<string, PortHold[]>();
  for (const u of users) {
    const list = holds.get(u.smap) ?? [];
    holds.set(u.smap, list);
    for (const it of planItems(u.profile, u.seed).items) {
      const h = portHold(it, ct);
      list.push({ protocol: h.protocol, from: h.from + u.start, to: h.to + u.start });
    }
  }
  return holds;
}

/** Each SMAP's peaks, the holds of all its users together. */
export const smapPeaks = (users: readonly EmulatedUser[], ct: SmapTimeouts): Record<string, Peaks> =>
  Object.fromEntries([...smapHolds(users, ct)].map(([smap, hs]) => [smap, peaksOfHolds(hs)]));

/**
 * How many holds are alive at each of the instants `at` (seconds, as the
 * holds), in their order: what a sampler looking at those instants should
 * count. A hold counts at t when from <= t < to.
 */
export function countsAt(holds: readonly PortHold[], at: readonly number[]): number[] {
  const starts = Float64Array.from(holds, (h) => h.from).sort();
  const ends = Float64Array.from(holds, (h) => h.to).sort();
  return at.map((t) => countAtMost(starts, t) - countAtMost(ends, t));
}

/**
 * The most holds alive at any of the instants `at`: a sampler that looks once
 * a second misses a peak that lasts less, and this is the peak it could have seen.
 */
export const peakAt = (holds: readonly PortHold[], at: readonly number[]): number => Math.max(0, ...countsAt(holds, at));

/** How many of the sorted values are <= x. */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The conntrack timeouts a SMAP's kernel had, from `cat` of its udp, udp-stream and TCP TIME_WAIT sysctls (in that order). */
export const TIMEOUT_SYSCTLS = [
  '/proc/sys/net/netfilter/nf_conntrack_udp_timeout',
  '/proc/sys/net/netfilter/nf_conntrack_udp_timeout_stream',
  '/proc/sys/net/netfilter/nf_conntrack_tcp_timeout_time_wait',
] as const;

export function parseTimeouts(text: string): SmapTimeouts | undefined {
  const n = text.trim().split(/\s+/).map(Number);
  return n.length === 3 && n.every((x) => Number.isInteger(x) && x > 0) ? { udp: n[0]!, udpStream: n[1]!, tcpTimeWait: n[2]! } : undefined;
}
