// What the generator writes: one JSON line per flow, then one summary
// line (docs/traffic.md). A flow record is a FlowRecord of the evaluator
// (sim/assert/measured-data.ts) with what it needs to be checked against
// the profile and the NAT: where it went, from which port, when, and how
// many bytes each way.
import type { FlowRecord } from '../../assert/measured-data';

export type FlowKind = 'dns' | 'tcp' | 'udp' | 'peers';

/**
 * Why a flow failed. `ports-exhausted` is the evaluator's exhaustion
 * (PORTS_EXHAUSTED); the others say what the socket saw.
 */
export const FAILURE_REASONS = [
  'ports-exhausted', // EADDRNOTAVAIL, EAGAIN or EADDRINUSE on bind/connect: no local port left
  'timeout', // no connection, no echo or not all bytes within the flow's time
  'refused', // ECONNREFUSED: nobody listens there
  'reset', // ECONNRESET or EPIPE
  'truncated', // the server closed before sending all the bytes asked for
  'unreachable', // EHOSTUNREACH, ENETUNREACH
  'fd-exhausted', // EMFILE, ENFILE: the generator's own limit, not the NAT's
  'dns-timeout', // no answer to a DNS query
  'dns-nxdomain', // the server says the name does not exist
  'dns-error', // another rcode, or an answer that cannot be read
  'dns-no-answer', // NOERROR without an A record
  'deadline', // still running when the run's deadline came
  'not-started', // never started: the deadline came while waiting for a free slot (--max-open)
  'error', // anything else; the record's `error` says what
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** What one flow measured, whatever its kind. */
export interface Measurement {
  readonly ok: boolean;
  readonly reason?: FailureReason;
  /** The errno code or message behind `reason`, when there is one. */
  readonly error?: string;
  readonly localPort?: number;
  /** Milliseconds since the epoch. */
  readonly started: number;
  readonly ended: number;
  /** Payload bytes sent and received (not the protocol's header). */
  readonly bytesUp: number;
  readonly bytesDown: number;
  readonly packetsUp?: number;
  readonly packetsDown?: number;
  /** DNS: the first A record's address. */
  readonly answer?: string;
}

export interface GeneratedFlow extends FlowRecord, Measurement {
  readonly record: 'flow';
  readonly phase: string;
  readonly kind: FlowKind;
  readonly protocol: 'tcp' | 'udp';
  /** The activity's index in its phase, and the item's number in the activity. */
  readonly activity: number;
  readonly item: number;
  /** Seconds into the (scaled) profile the flow was planned to start. */
  readonly planned: number;
  readonly dst: string;
  readonly dstPort: number;
  /** DNS: the name looked up. */
  readonly name?: string;
  /** Peers: the peer's number (several connections share one when the profile reuses peers). */
  readonly peer?: number;
  readonly reason?: FailureReason;
}

export interface RunSummary {
  readonly record: 'summary';
  readonly client: string;
  readonly smap: string;
  readonly profile: string;
  readonly seed: number;
  readonly timeScale: number;
  /** Milliseconds since the epoch. */
  readonly started: number;
  readonly ended: number;
  readonly flows: number;
  readonly ok: number;
  readonly failed: number;
  readonly byKind: Readonly<Partial<Record<FlowKind, number>>>;
  readonly byReason: Readonly<Partial<Record<FailureReason, number>>>;
}

export type GeneratorLine = GeneratedFlow | RunSummary;
