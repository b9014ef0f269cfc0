// What every command gets: output streams, the event sink, and the run's
// AbortController tied to Ctrl-C.
import { outputMode, streamSink } from '../report/format-event';
import type { EventSink } from '../report/events';

export interface Io {
  readonly out: { write(s: string): unknown; isTTY?: boolean };
  readonly err: { write(s: string): unknown; isTTY?: boolean };
}

export interface Context extends Io {
  readonly json: boolean;
  readonly emit: EventSink;
  readonly signal: AbortSignal;
}

export function makeContext(io: Io, json: boolean, signal: AbortSignal): Context {
  // Progress goes to stderr so that stdout holds only results (the run id, tables, JSON).
  return { ...io, json, signal, emit: streamSink(io.err, outputMode(io.err, json)) };
}
