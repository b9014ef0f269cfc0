// A program of a scenario (a traffic generator, an MTU probe) run in the
// foreground of one `docker exec`: the exec ends when the program does, so
// the run learns of it at once and never polls. A `docker exec` costs a runc
// start; polling a hundred clients every second took more CPU than the
// traffic itself on a loaded two-core machine.
import { setMaxListeners } from 'node:events';
import type { ExecOptions, RunningTopology } from '../runtime/index';

export type ForegroundEnd =
  | { readonly how: 'exited'; readonly exitCode: number; readonly stdout: string; readonly stderr: string }
  /** Still running at its deadline: no longer waited for (it goes on until the node goes). */
  | { readonly how: 'deadline' }
  | { readonly how: 'aborted' };

/**
 * Runs `sh -c script` in `node` and waits until it exits, `deadline` (epoch
 * milliseconds; a promise of it when not yet known, as a generator's before
 * its start) passes or `signal` aborts. Many calls share the run's signal,
 * one listener each: a hundred generators are no leak, so Node is told not to warn.
 */
export async function runInForeground(
  run: RunningTopology, node: string, script: string, deadline: number | PromiseLike<number>, signal?: AbortSignal,
  io: Pick<ExecOptions, 'stdin' | 'onLine'> = {},
): Promise<ForegroundEnd> {
  const stop = new AbortController();
  let late = false;
  let timer: NodeJS.Timeout | undefined;
  // A deadline that never comes (its promise rejects: the run stopped before it was set) is no deadline.
  Promise.resolve(deadline).then((at) => {
    if (!stop.signal.aborted) timer = setTimeout(() => ((late = true), stop.abort()), Math.max(0, at - Date.now()));
  }, () => {});
  if (signal?.aborted) {
    stop.abort();
    return { how: 'aborted' };
  }
  const abort = () => stop.abort();
  if (signal) setMaxListeners(0, signal);
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const r = await run.exec(node, ['sh', '-c', script], { signal: stop.signal, ...io });
    if (!stop.signal.aborted) return { how: 'exited', exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    return late ? { how: 'deadline' } : { how: 'aborted' };
  } finally {
    stop.abort(); // a deadline set after the exec ended sets no timer
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}
