// The generators' common start (docs/traffic.md): each says it is ready, and
// once all have, or the wait's limit has passed, every one is sent the same
// start line on its stdin, t0 a margin away. Starting a hundred Node programs
// on two busy cores takes a time nobody can guess; a t0 chosen only once they
// are all waiting costs no flow and starts no generator before the others.
import { PassThrough } from 'node:stream';
import { startLine } from '../traffic/generator/start-handshake';
import { plural } from '../report/plural';

export interface GateOpened {
  /** The traffic's time 0, epoch milliseconds, as sent to every generator. */
  readonly t0: number;
  /** When the gate opened, epoch milliseconds: t0 less the margin. */
  readonly at: number;
  /** The generators (indexes) that had neither said they were ready nor ended: sent the start all the same. */
  readonly notReady: readonly number[];
}

export interface StartGate {
  /** Generator i's stdin: its start line, then its end. */
  readonly stdin: readonly PassThrough[];
  /** Generator i is ready, or has ended (and never will be): the gate waits for it no longer. */
  arrived(i: number): void;
  /** Resolves when the start lines are written; rejects (its cause the signal's reason) if the signal aborts first: no start is sent. */
  readonly opened: Promise<GateOpened>;
}

export interface GateOptions {
  /** Milliseconds from now after which the gate opens whoever is not ready. */
  readonly limitMs: number;
  /** Milliseconds from opening to t0: time for the lines to reach every generator. */
  readonly marginMs: number;
  readonly signal?: AbortSignal;
}

export function startGate(count: number, o: GateOptions): StartGate {
  const stdin = Array.from({ length: count }, () => new PassThrough());
  const waiting = new Set(stdin.keys());
  let settle: { open(v: GateOpened): void; fail(e: unknown): void } | undefined;
  const opened = new Promise<GateOpened>((open, fail) => (settle = { open, fail }));
  // Settled once: later arrivals, the limit and the abort are then no-ops.
  const finish = (f: (s: NonNullable<typeof settle>) => void) => {
    const s = settle;
    if (!s) return;
    settle = undefined;
    clearTimeout(limit);
    o.signal?.removeEventListener('abort', abort);
    f(s);
  };
  const open = () => finish((s) => {
    const at = Date.now();
    const t0 = at + (count === 0 ? 0 : o.marginMs);
    for (const input of stdin) input.end(startLine(t0));
    s.open({ t0, at, notReady: [...waiting] });
  });
  // Stdin ends without a start: a generator still waiting exits without traffic.
  const abort = () => finish((s) => {
    for (const input of stdin) input.end();
    s.fail(new Error('aborted before the start', { cause: o.signal?.reason }));
  });
  const limit = setTimeout(open, o.limitMs);
  if (o.signal?.aborted) abort();
  else o.signal?.addEventListener('abort', abort, { once: true });
  const arrived = (i: number) => {
    waiting.delete(i);
    if (waiting.size === 0) open();
  };
  if (count === 0) open();
  return { stdin, arrived, opened };
}

/**
 * `count` of a gate's places from `from`, as a gate of its own: a run's
 * generators, probes and events wait at one gate, each kind at its part,
 * whose indexes (and `notReady`) start at 0.
 */
export function gatePart(g: StartGate, from: number, count: number): StartGate {
  const opened = g.opened.then((o) => ({ ...o, notReady: o.notReady.filter((i) => i >= from && i < from + count).map((i) => i - from) }));
  opened.catch(() => {}); // the whole gate's rejection is the run's to handle
  return { stdin: g.stdin.slice(from, from + count), arrived: (i) => g.arrived(from + i), opened };
}

/** A warning naming the programs of one kind (generator, probe) that were not ready by the gate's limit. */
export function notReadyWarning(what: string, names: readonly string[], limitS: number): string {
  const some = names.slice(0, 5).join(', ') + (names.length > 5 ? ', ...' : '');
  return `${plural(names.length, what)} not ready ${limitS} s after starting (${some}): sent the start all the same; ${what === 'generator' ? 'their flows begin' : 'they run'} late`;
}
