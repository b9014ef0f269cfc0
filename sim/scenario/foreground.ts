// A program of a scenario (a traffic generator, an MTU probe) run in the
// foreground of one `docker exec`: the exec ends when the program does, so
// the run learns of it at once and never polls. A `docker exec` costs a runc
// start; polling a hundred clients every second took more CPU than the
// traffic itself on a loaded two-core machine.
import { setMaxListeners } from 'node:events';
import type { RunningTopology } from '../runtime/index';

export type ForegroundEnd =
  | { readonly how: 'exited'; readonly exitCode: number }
  /** Still running at its deadline: no longer waited for (it goes on until the node goes). */
  | { readonly how: 'deadline' }
  | { readonly how: 'aborted' };

/**
 * Runs `sh -c script` in `node` and waits until it exits, `deadline` (epoch
 * milliseconds) passes or `signal` aborts. Many calls share the run's signal,
 * one listener each: a hundred generators are no leak, so Node is told not to warn.
 */
export async function runInForeground(run: RunningTopology, node: string, script: string, deadline: number, signal?: AbortSignal): Promise<ForegroundEnd> {
  if (signal?.aborted) return { how: 'aborted' };
  const stop = new AbortController();
  let late = false;
  const timer = setTimeout(() => ((late = true), stop.abort()), Math.max(0, deadline - Date.now()));
  const abort = () => stop.abort();
  if (signal) setMaxListeners(0, signal);
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const r = await run.exec(node, ['sh', '-c', script], { signal: stop.signal });
    if (!stop.signal.aborted) return { how: 'exited', exitCode: r.exitCode };
    return late ? { how: 'deadline' } : { how: 'aborted' };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}
