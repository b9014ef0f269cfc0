// Small shell pieces the role scripts share.
import { shellQuote as q } from '../runtime/index';

/**
 * Starts a daemon in the background, logging to `log`, and waits until it
 * prints its ready line; if it dies first, its log goes to stderr and the
 * node fails to come up.
 */
export function startDaemon(name: string, argv: readonly string[], log: string, ready: string): string {
  return [
    `${argv.map(q).join(' ')} >${log} 2>&1 &`,
    `${name}_pid=$!`,
    `i=0; until grep -q ${q(ready)} ${log}; do`,
    `  kill -0 $${name}_pid 2>/dev/null || { echo "${name} died:" >&2; tail -n 5 ${log} >&2; exit 1; }`,
    `  i=$((i+1)); [ $i -lt 200 ] || { echo "${name} not ready after 20 s" >&2; exit 1; }; sleep 0.1`,
    'done',
  ].join('\n');
}

/** The last line of a role with a daemon: the node lives as long as the daemon. */
export const superviseDaemon = (name: string) =>
  `wait $${name}_pid; rc=$?; echo "${name} exited with $rc" >&2; exit 1`;

export const IDLE = 'exec sleep infinity';
