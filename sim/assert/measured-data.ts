// What a run measured, as plain data, for the evaluator: one record per
// flow the generators started, the port samples of each SMAP, and each
// daemon's counters file (/run/aplus/counters.json, sim/aplus/daemon/counters-file.ts).
import type { DropReason, Flow } from '../aplus/core/counters';
import type { ClassCounts } from '../traffic/port-class';

/** A flow's failure when its SMAP had no port left to map it to. */
export const PORTS_EXHAUSTED = 'ports-exhausted';

export interface FlowRecord {
  readonly client: string;
  readonly smap: string;
  readonly profile: string;
  readonly ok: boolean;
  /** Why it failed: timeout, refused, reset, ports-exhausted... */
  readonly reason?: string;
}

/** One conntrack sample of one SMAP (sim/measure/conntrack portsInUse). */
export interface PortSampleRecord extends ClassCounts {
  /** Seconds since the run started. */
  readonly at: number;
  readonly smap: string;
  /** How many ports the SMAP's range holds. */
  readonly rangeSize: number;
  /** Mapped ports seen outside the range. */
  readonly outOfRange: number;
  /** The most ports one protocol had in use (TCP and UDP are separate port spaces); total when absent. */
  readonly busiest?: number;
}

/** The part of a counters file the assertions read. */
export interface NodeCounters {
  readonly upstream?: Flow;
  readonly downstream?: Flow;
  readonly drops: Partial<Record<DropReason, number>>;
}

export interface Measured {
  readonly flows: readonly FlowRecord[];
  readonly ports: readonly PortSampleRecord[];
  /** By node name: the PRR's and each SMAP's counters. */
  readonly counters: Readonly<Record<string, NodeCounters>>;
  /** By SMAP: connections its NAT could not map to a port of its range (conntrack -S insert_failed). */
  readonly natFailures?: Readonly<Record<string, number>>;
}
