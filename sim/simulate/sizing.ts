// The answers a provider wants from the peaks: how likely a user is to run
// out of ports with a set of a given size, the smallest set that serves a
// fraction of users, and how many users then share one address.
import { SHAREABLE_MIN } from '../model/topology-schema';
import type { PeakHistogram } from './peak-histogram';

/**
 * Ports of one address that can be shared out: 1024-65535. The well-known
 * ports stay unshared (RFC 6346 section 5.2; topology files refuse ranges below 1024).
 */
export const USABLE_PORTS = 65536 - SHAREABLE_MIN;

/** Users per address when each gets `size` ports of each protocol. */
export const sharingRatio = (size: number): number => Math.floor(USABLE_PORTS / Math.max(1, size));

/** The set size that gives `ratio` users per address. */
export const sizeForRatio = (ratio: number): number => Math.floor(USABLE_PORTS / ratio);

export interface SizeAnswer {
  readonly size: number;
  readonly ratio: number;
  /** The fraction of users whose need is more than `size`: they hit exhaustion at some point. */
  readonly exhaustion: number;
}

export interface TargetAnswer {
  /** The fraction of users to serve without exhaustion. */
  readonly target: number;
  /** The smallest set size that does. */
  readonly size: number;
  /** The largest sharing ratio per address that does (0: one address is not enough). */
  readonly ratio: number;
}

export function sizeAnswers(need: PeakHistogram, sizes: readonly number[]): SizeAnswer[] {
  return sizes.map((size) => ({ size, ratio: sharingRatio(size), exhaustion: need.users === 0 ? 0 : (need.users - need.atMost(size)) / need.users }));
}

export function targetAnswers(need: PeakHistogram, targets: readonly number[]): TargetAnswer[] {
  return targets.map((target) => {
    const size = need.quantile(target);
    return { target, size, ratio: size > USABLE_PORTS ? 0 : sharingRatio(size) };
  });
}
