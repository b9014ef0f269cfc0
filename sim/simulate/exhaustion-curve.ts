// P(exhaustion) for every port-set size, from the need's CDF (a result's
// `peaks.need.cdf`, so a result read back from --json draws the same curve):
// a user runs out with S ports when its need is more than S.

/** A CDF's steps: each peak some user had, ascending, and the fraction of users at or below it. */
export type Cdf = ReadonlyArray<readonly [peak: number, fraction: number]>;

/** The fraction of users whose need is more than `size` (0 for no users, as sizeAnswers). */
export function exhaustionAt(need: Cdf, size: number): number {
  if (need.length === 0) return 0;
  // The last step at or below `size`: binary search, a CDF may have thousands of steps.
  let lo = 0, hi = need.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (need[mid]![0] <= size) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : Math.max(0, 1 - need[lo - 1]![1]);
}

/**
 * The curve as points [size, P(exhaustion)], ascending by size, from 1 port
 * to `upTo`: at each need some user had (where it steps down), at each size
 * given, and at both ends. Between two points P holds the left one's value.
 */
export function exhaustionCurve(need: Cdf, sizes: readonly number[], upTo: number): Array<readonly [size: number, exhaustion: number]> {
  const at = new Set([1, upTo, ...sizes, ...need.map(([peak]) => peak)].filter((s) => s >= 1 && s <= upTo));
  return [...at].sort((a, b) => a - b).map((s) => [s, exhaustionAt(need, s)] as const);
}
