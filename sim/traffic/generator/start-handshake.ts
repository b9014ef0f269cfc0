// How a generator and its run agree on when its profile begins (docs/traffic.md):
// once it can play (flags and profile read, plan made, output open) it prints
// GENERATOR_READY on stdout; the run answers with one start line on stdin, the
// same for every generator once all are ready, and then closes stdin.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** The generator's line on stdout once nothing but its start is left to wait for. */
export const GENERATOR_READY = 'generator: ready';

/** The run's line on a generator's stdin: the start time, epoch milliseconds. */
export const startLine = (epochMs: number): string => `start ${Math.round(epochMs)}\n`;

/** The epoch milliseconds of a start line, or undefined for anything else. */
export function parseStartLine(line: string): number | undefined {
  const m = /^start (\d{1,15})$/.exec(line.trim());
  return m ? Number(m[1]) : undefined;
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
