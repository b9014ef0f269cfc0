// Work on many nodes at once, bounded: Docker execs overlap, but never so
// many that dockerd itself becomes the bottleneck (100 SMAPs, issue: scale).
import pLimit from 'p-limit';

/** Docker execs at once while sampling or collecting from many nodes. */
export const COLLECT_CONCURRENCY = 16;

export function eachNode<T, R>(xs: readonly T[], f: (x: T) => Promise<R>, concurrency = COLLECT_CONCURRENCY): Promise<R[]> {
  const limit = pLimit(concurrency);
  return Promise.all(xs.map((x) => limit(() => f(x))));
}
