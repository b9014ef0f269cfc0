// How a program of a scenario (a traffic generator, an MTU probe) and its
// run agree on when it begins (docs/traffic.md): once it can play (flags
// read, plan made, output open) it prints its ready line on stdout; the run
// answers with one start line on stdin, the same for every program of the
// run once all are ready, and then closes stdin.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** A program's line on stdout once nothing but its start is left to wait for. */
export const readyLine = (program: string): string => `${program}: ready`;
export const GENERATOR_READY = readyLine('generator');
export const PROBE_READY = readyLine('probe');

/** The run's line on a program's stdin: the start time, epoch milliseconds. */
export const startLine = (epochMs: number): string => `start ${Math.round(epochMs)}\n`;

/** The epoch milliseconds of a start line, or undefined for anything else. */
export function parseStartLine(line: string): number | undefined {
  const m = /^start (\d{1,15})$/.exec(line.trim());
  return m ? Number(m[1]) : undefined;
}

/** When a program begins: at once, at a time, or at the time the run sends on stdin; plus its own offset. */
export type StartWhen = { readonly on: 'now' } | { readonly on: 'time'; readonly at: number } | { readonly on: 'stdin' };

/** The value of a --start-at flag (absent: now), or undefined when it is neither epoch milliseconds nor "stdin". */
export function parseStartAt(v: string | undefined): StartWhen | undefined {
  if (v === undefined) return { on: 'now' };
  if (v === 'stdin') return { on: 'stdin' };
  const at = /^\d{1,15}$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(at) ? { on: 'time', at } : undefined;
}

export type StartOrder =
  | { readonly ok: true; readonly at: number }
  /** stdin ended without a start line: the run went away or gave up, so no traffic. */
  | { readonly ok: false; readonly why: 'closed' }
  | { readonly ok: false; readonly why: 'bad-line'; readonly line: string };

/** Reads `input` up to its first line and says when to start; stops reading there. */
export function waitForStart(input: Readable): Promise<StartOrder> {
  return new Promise((resolve) => {
    const lines = createInterface({ input, crlfDelay: Infinity });
    let order: StartOrder = { ok: false, why: 'closed' };
    lines.once('line', (line) => {
      const at = parseStartLine(line);
      order = at === undefined ? { ok: false, why: 'bad-line', line } : { ok: true, at };
      lines.close();
    });
    lines.once('close', () => resolve(order));
  });
}

/** Exit codes of a program whose start never came: the run gave none (4), or sent a bad line (2). */
export const NO_START_EXIT = { closed: 4, 'bad-line': 2 } as const;

/**
 * The start time, epoch milliseconds, of `program` started `start`: for
 * stdin, it says it is ready on stdout and waits for the start line, or
 * returns the exit code after one line on stderr naming why there is none.
 */
export async function startTime(program: string, start: StartWhen): Promise<number | { readonly exit: number }> {
  if (start.on === 'now') return Date.now();
  if (start.on === 'time') return start.at;
  process.stdout.write(`${readyLine(program)}\n`);
  const order = await waitForStart(process.stdin);
  // Only the first line counts: stdin is not read again, nor held open.
  process.stdin.destroy();
  if (order.ok) return order.at;
  process.stderr.write(order.why === 'closed'
    ? `${program}: stdin closed before a start line: no traffic\n`
    : `${program}: stdin: expected "start EPOCH_MS", got ${JSON.stringify(order.line)}\n`);
  return { exit: NO_START_EXIT[order.why] };
}
