// The runtime's interface: what the rest of aplus may ask of whatever runs
// the nodes. It speaks of runs, nodes by their planned names, and commands;
// no container id, image id or client library type crosses it. Docker
// (docker-runtime.ts) is its only implementation for now.
import type { Impairment } from '../model/impairment';
import type { Plan, PlannedNode, Role } from '../plan/plan-types';
import type { EventSink } from '../report/events';
import type { ExecOptions, ExecResult } from './exec';
import type { NodeStart } from './node-start';

export type { ExecOptions, ExecResult } from './exec';

/** A node of a run, as the plan names it. */
export interface NodeRef {
  readonly name: string;
  readonly role: string;
}

/** A node's use of the machine; undefined where the kernel's layout is not one aplus reads. */
export interface NodeUsage {
  /** Memory held now. */
  readonly memoryBytes: number | undefined;
  /** CPU time used since the node started. */
  readonly cpuNanoseconds: number | undefined;
}

/** A run that is up, whoever made it: what `aplus exec`, `counters` and the scenarios use. */
export interface RunHandle {
  readonly runId: string;
  readonly nodes: ReadonlyMap<string, NodeRef>;
  /** Runs a command in a node; with a signal, stops waiting for it (the command goes on) when the signal aborts. */
  exec(node: string, cmd: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
  /** A file from inside a node (captures, logs, counters). */
  readFile(node: string, path: string): Promise<Buffer>;
  /** What the node's main process printed (its wiring and role setup), stdout and stderr. */
  logs(node: string): Promise<string>;
  /** What the node's processes used so far, as the kernel counts it for the node (its cgroup). */
  usage(node: string): Promise<NodeUsage>;
  /** Removes every node of the run and its links; safe to call twice. */
  down(): Promise<void>;
}

/** A run this process brought up from a plan: also its plan, and its links to change. */
export interface RunningTopology extends RunHandle, AsyncDisposable {
  readonly plan: Plan;
  /** Joins a running node to one more of the run's networks, as interface ifname with an IPv4 address (benchmarks, experiments). */
  joinNetwork(node: string, network: string, ifname: string, ipv4?: string): Promise<void>;
  /** Sets a network's rate, delay and loss from now on (none: no impairment); exit 3 when the kernel lacks the qdisc. */
  impair(network: string, impairment: Impairment | undefined): Promise<void>;
}

/** The images of a run: the base, and one per role on top of it (tags). */
export type ImageSet = Readonly<Record<Role, string>> & { readonly base: string };

/**
 * What the node images are made of, given by whoever knows the node kinds
 * (sim/kinds: KIND_IMAGES): the runtime builds and tags them, and knows no kind.
 */
export interface ImageRecipes {
  readonly roles: readonly Role[];
  /** Writes a role's build context (a Dockerfile taking ARG BASE, and its files) and gives its folder; the tag hashes what is in it. */
  context(role: Role): Promise<string>;
}

export interface UpOptions {
  readonly emit: EventSink;
  readonly signal?: AbortSignal;
  readonly file?: string;
  /** The images to run; default the current ones, exit 3 when one is missing. */
  readonly images?: ImageSet;
  /** How many calls to the engine at once; it serialises much internally, so more is not faster. */
  readonly concurrency?: number;
  readonly runId?: string;
  /**
   * The run outlives this process (aplus up, run --keep): nobody owns it and
   * only aplus down removes it. Otherwise this process owns it, and once the
   * process is gone the next up, run or test removes it (run-owner.ts).
   */
  readonly kept?: boolean;
  /** How each node starts: image, command, CPU weight, sysctls, its ready mark (sim/kinds: nodeStart). */
  readonly start: (node: PlannedNode) => NodeStart;
  /** Extra namespaced sysctls for a node (net.*), e.g. conntrack timeouts scaled with a scenario's time. */
  readonly sysctls?: (node: PlannedNode) => Readonly<Record<string, string>>;
}

/** A run as `aplus ls` shows it. */
export interface RunInfo {
  readonly runId: string;
  readonly topology: string;
  readonly file?: string;
  readonly created: string;
  readonly nodes: readonly RunNode[];
}

export interface RunNode extends NodeRef {
  readonly state: string;
  readonly addresses: readonly string[];
}

export interface DownResult {
  readonly containers: number;
  readonly networks: number;
}

export interface Runtime {
  /** Builds the images whose inputs changed; returns the current set. */
  ensureImages(emit: EventSink, opts?: { readonly force?: boolean }): Promise<ImageSet>;
  /** The current images; exit 3 when one is missing. */
  requireImages(): Promise<ImageSet>;
  /** Brings a plan up; on failure or abort nothing of it is left. */
  up(plan: Plan, opts: UpOptions): Promise<RunningTopology>;
  /** A run that is up, by id (exit 2 when there is none). */
  attach(runId: string): Promise<RunHandle>;
  /** The runs that are up, or the one given. */
  list(runId?: string): Promise<RunInfo[]>;
  /** The run holding a node of this name: its id, or why not (none, or several: say --run). */
  locate(node: string, runId?: string): Promise<{ readonly runId: string } | string>;
  /** Removes a run, or every run; also what older versions left. */
  down(runId: string | undefined, emit: EventSink): Promise<DownResult>;
  /** Removes the runs whose owning process is gone (the reaper); their ids. */
  reapOrphans(emit: EventSink): Promise<string[]>;
}
