// Progress and results are typed events, rendered by one formatter per kind
// (format-event.ts); code that does work only emits.
import type { RunPhase } from '../model/errors';

export type AplusEvent =
  | { kind: 'image-build'; image: string; step: string }
  | { kind: 'image-built'; image: string; seconds: number }
  | { kind: 'image-cached'; image: string }
  | { kind: 'images-removed'; count: number }
  | { kind: 'network-created'; run: string; network: string; subnet: string }
  | { kind: 'node-started'; run: string; node: string; role: string; done: number; total: number }
  | { kind: 'up-done'; run: string; nodes: number; networks: number; seconds: number }
  | { kind: 'aborting'; run: string; reason: string }
  | { kind: 'down-done'; run: string; containers: number; networks: number; seconds: number }
  /** readyS: seconds the generators took to say they were ready, before the start was sent to all. */
  | { kind: 'traffic-started'; run: string; generators: number; seconds: number; probes?: number; events?: number; readyS?: number }
  /** While traffic runs: generators done of all, seconds since it started, of the planned. */
  | { kind: 'traffic-progress'; run: string; done: number; total: number; elapsed: number; planned: number }
  | { kind: 'probe-started'; run: string; probe: string; probeKind: string; client: string }
  | { kind: 'scenario-event'; run: string; at: number; what: string; ok: boolean }
  | { kind: 'warning'; message: string }
  /** Ctrl-C or SIGTERM stopped a command, which removed what it had made (run: the run it stopped, once it had an id). */
  | { kind: 'interrupted'; signal: string; phase: RunPhase; run?: string };

export type EventSink = (e: AplusEvent) => void;

export const silent: EventSink = () => {};
