// The pmtu probe's search (pure): the largest size in [min, max] that fits,
// by bisection, as tracepath and PLPMTUD (RFC 8899) do, but judged by echoes.
// Sizes are assumed to fit up to the path MTU and not beyond.

export interface SearchStep {
  readonly size: number;
  readonly fits: boolean;
}

export interface SearchResult {
  /** The largest size that fitted; undefined when not even `min` did. */
  readonly largest: number | undefined;
  /** Every size tried, in order, with its verdict. */
  readonly steps: readonly SearchStep[];
}

/**
 * Tries `max` first (most paths carry the interface MTU: one step), then `min`
 * (nothing at all gets through: two steps), then bisects between them.
 */
export function searchLargest(min: number, max: number, fits: (size: number) => boolean): SearchResult {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) throw new RangeError(`bad search range ${min}-${max}`);
  const steps: SearchStep[] = [];
  const tryAt = (size: number) => {
    const ok = fits(size);
    steps.push({ size, fits: ok });
    return ok;
  };
  if (tryAt(max)) return { largest: max, steps };
  if (min === max || !tryAt(min)) return { largest: undefined, steps };
  let good = min;
  let bad = max;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (tryAt(mid)) good = mid;
    else bad = mid;
  }
  return { largest: good, steps };
}
