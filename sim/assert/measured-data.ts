// What a run measured, as plain data, for the evaluator: one record per
// flow the generators started, the port samples of each SMAP, each
// daemon's counters file (COUNTERS_FILE, sim/aplus/daemon/counters-file.ts)
// and each router's counters (sim/kinds/router-counters.ts).
import type { DropReason, Flow, NamedSmapCounters } from '../aplus/core/counters';
import type { KernelDrops } from '../aplus/daemon/kernel-drops';
import type { RouterCountersJson } from '../kinds/router-counters';
import type { ClassCounts } from '../traffic/port-class';
import type { ServerCrossCheck } from '../measure/server-cross-check';

/** A flow's failure when its SMAP had no port left to map it to. */
export const PORTS_EXHAUSTED = 'ports-exhausted';

/** Why a failed flow most likely failed, from the counters along its path (failure-cause.ts). */
export type FailureCause =
  /** `counter` says where in the node's counters the count is (`smaps[big].drops.too-big`). */
  | { readonly kind: 'drop'; readonly node: string; readonly counter: string; readonly count: number; readonly text: string }
  | { readonly kind: 'no-drop'; readonly text: string }
  /** The flow failed without losing packets: its reason says why. */
  | { readonly kind: 'not-a-loss'; readonly text: string };

export interface FlowRecord {
  readonly client: string;
  readonly smap: string;
  readonly profile: string;
  readonly ok: boolean;
  /** Why it failed: timeout, refused, reset, ports-exhausted... */
  readonly reason?: string;
  /** What the generator writes besides (flow-record.ts): which flow of the profile it was. */
  readonly kind?: string;
  readonly phase?: string;
  readonly activity?: number;
  readonly item?: number;
  /** A failed flow's likeliest cause, from the counters on its path (failure-cause.ts): set by the run, not the generator. */
  readonly cause?: FailureCause;
}

/** One conntrack sample of one SMAP (sim/measure/conntrack portsInUse). */
export interface PortSampleRecord extends ClassCounts {
  /** Seconds since the run started. */
  readonly at: number;
  /** Which sampling round (every SMAP is sampled once a round): to add SMAPs up at one time. */
  readonly round?: number;
  readonly smap: string;
  /** How many ports the SMAP's range holds. */
  readonly rangeSize: number;
  /** Mapped ports seen outside the range. */
  readonly outOfRange: number;
  /** The most ports one protocol had in use (TCP and UDP are separate port spaces); total when absent. */
  readonly busiest?: number;
  /**
   * The NAT's conntrack entries, one per mapped flow: at least `total`, since
   * the NAT reuses a port toward another destination (a torrent's peers).
   * What the simulator counts (check: simulator); absent in older results.
   */
  readonly nated?: number;
}

/** The part of a counters file the assertions read. */
export interface NodeCounters {
  readonly upstream?: Flow;
  readonly downstream?: Flow;
  readonly drops: Partial<Record<DropReason, number>>;
  /** The PRR's counts per SMAP, each named (a SMAP's file has none). */
  readonly smaps?: readonly NamedSmapCounters[];
  /** What the kernel dropped on the daemon's account, outside the core's sight. */
  readonly kernel?: KernelDrops;
}

/** A router's counters, read from its kernel. */
export type RouterCounters = RouterCountersJson;

/**
 * What one MTU probe found (sim/probes, run in a client; docs/mtu.md):
 * - pmtu: DF UDP datagrams of growing size to the probe echo; `pathMtu` is the
 *   largest IPv4 packet (header included) that got its echo back, `icmpMtus`
 *   the next-hop MTUs that ICMP "fragmentation needed" replies announced
 *   (what tracepath would report);
 * - udp-df: a sender of fixed-size DF datagrams that ignores ICMP (the
 *   paper's Call of Duty) or, `adapts`, one that shrinks to the MTU it is told;
 * - tcp-bulk: one TCP transfer of `bytesWanted` bytes up or down, with the
 *   bytes moved and the stalls (no progress for `stallMs`).
 */
export interface ProbeRecord {
  readonly record: 'probe';
  /** The probe's name in the scenario. */
  readonly name: string;
  readonly kind: 'pmtu' | 'udp-df' | 'tcp-bulk';
  readonly client: string;
  readonly smap: string;
  /** Epoch milliseconds. */
  readonly started: number;
  readonly ended: number;
  readonly ok: boolean;
  readonly reason?: string;
  readonly pathMtu?: number;
  readonly icmpMtus?: readonly number[];
  readonly direction?: 'up' | 'down';
  readonly bytesWanted?: number;
  readonly bytes?: number;
  readonly sent?: number;
  readonly received?: number;
  readonly stalls?: number;
  readonly longestStallMs?: number;
  /** udp-df: the datagram size it settled on (the first size when it ignores ICMP). */
  readonly size?: number;
  readonly adapts?: boolean;
  /** pmtu: the MTU the client's kernel learned for the route to the server (`ip route get`), absent when none. */
  readonly kernelRouteMtu?: number;
}

export interface Measured {
  readonly flows: readonly FlowRecord[];
  readonly ports: readonly PortSampleRecord[];
  /** By node name: the PRR's and each SMAP's counters. */
  readonly counters: Readonly<Record<string, NodeCounters>>;
  /** By router name: each router's counters (absent in results from before routers had them). */
  readonly routers?: Readonly<Record<string, RouterCounters>>;
  /** By SMAP: connections its NAT could not map to a port of its range (conntrack -S insert_failed). */
  readonly natFailures?: Readonly<Record<string, number>>;
  /** MTU probes run by clients (empty or absent when the scenario has none). */
  readonly probes?: readonly ProbeRecord[];
  /** ICMP seen in captures, by node: "fragmentation needed" (v4) and Packet Too Big (v6) counts. */
  readonly icmp?: Readonly<Record<string, { readonly fragNeeded: number; readonly packetTooBig: number }>>;
  /** The delivered TCP flows against the server's log (sim/measure/server-cross-check.ts). */
  readonly serverCheck?: ServerCrossCheck;
  /** The simulator's prediction of each SMAP's ports at once (sim/simulate/smap-prediction.ts), when a check asks for it. */
  readonly predicted?: PortPrediction;
}

/** What the simulator predicted for a run: the SMAPs' timeouts it used, and each SMAP's peaks per protocol. */
export interface PortPrediction {
  readonly timeouts: { readonly udp: number; readonly udpStream: number; readonly tcpTimeWait: number };
  /**
   * Per SMAP: the peaks per protocol and of both; `sampled`, the most entries
   * at the instants its samples were taken; `series`, the entries predicted
   * at each of those instants ([seconds since t0, entries], in time order).
   */
  readonly smaps: Readonly<Record<string, {
    readonly tcp: number; readonly udp: number; readonly total: number;
    readonly sampled?: number; readonly series?: readonly (readonly [number, number])[];
  }>>;
}
