// A scenario event's command as it runs in its node (docs/mtu.md, "Changes
// during a run"): its exec starts in the warm-up, says it is ready, waits at
// the run's gate for the start line (start-gate.ts), sleeps until t0 + at by
// the clock (the nodes share the host's), says when it applied the change
// and becomes the command. An exec made at the event's time could begin
// seconds late on a busy machine; one made ahead waits only for the clock.
import { shellWord } from '../node-setup/render-shell';

export const EVENT_READY = 'event: ready';
const APPLIED = 'event: applied ';

/** Exit code of an event whose start never came (its run stopped first): nothing was changed. */
export const EVENT_NOT_STARTED = 4;

/** Shell (dash) that sleeps until the epoch milliseconds the arithmetic `expr` gives, or not at all when that has passed. */
export const sleepUntil = (expr: string | number): string =>
  `w=$((${typeof expr === 'number' ? Math.round(expr) : expr} - $(date +%s%3N))); [ "$w" -gt 0 ] && sleep "$((w / 1000)).$(printf '%03d' $((w % 1000)))"`;

/** The `sh -c` script of a command to run `atMs` after the start line's t0 (pure). */
export function eventScript(atMs: number, argv: readonly string[]): string {
  return [
    `echo '${EVENT_READY}'`,
    `read -r l || exit ${EVENT_NOT_STARTED}`,
    `case "$l" in 'start '[0-9]*) ;; *) echo "event: expected a start line, got: $l" >&2; exit 2;; esac`,
    sleepUntil(`\${l#start } + ${Math.round(atMs)}`),
    `echo "${APPLIED}$(date +%s%3N)"`,
    `exec ${argv.map(shellWord).join(' ')}`,
  ].join('\n');
}

/** The epoch milliseconds an event's script said it applied its change at, from one line of its stdout. */
export function appliedAt(line: string): number | undefined {
  return line.startsWith(APPLIED) && /^\d{1,15}$/.test(line.slice(APPLIED.length)) ? Number(line.slice(APPLIED.length)) : undefined;
}

/** The command's own output: the script's lines left out. */
export const commandOutput = (stdout: string): string =>
  stdout.split('\n').filter((l) => l !== EVENT_READY && appliedAt(l) === undefined).join('\n');
