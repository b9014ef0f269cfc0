// How long a piece of work takes, as the benches report it.
import { performance } from 'node:perf_hooks';

/** Median of `runs` timings of `f`, in ms (one run when a single one takes over a second). */
export function medianMs(f: () => unknown, runs = 5): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
    if (ms[0]! > 1000) break;
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
}
