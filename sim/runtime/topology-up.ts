// Bringing a plan up on Docker: networks, then containers, each attached,
// started and wired, with bounded concurrency. A failure or an abort at any
// point lets what is in flight settle, then removes everything of the run.
import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import type Docker from 'dockerode';
import { EnvironmentError } from '../model/errors';
import type { Plan, PlannedNetwork, PlannedNode } from '../plan/plan-types';
import type { EventSink } from '../report/events';
import { execIn, type ExecOptions, type ExecResult } from './exec';
import { PassThrough } from 'node:stream';
import type { ImageSet } from './images';
import { LABEL_CREATED, LABEL_FILE, LABEL_NETWORK, LABEL_NODE, LABEL_ROLE, LABEL_RUN, LABEL_TOPOLOGY } from './labels';
import { downRun } from './topology-down';
import { acceptWithinBridges } from './host-firewall';
import { WIRED_MARK, wireScript } from './wire-script';

export interface UpOptions {
  readonly images: ImageSet;
  readonly emit: EventSink;
  readonly signal?: AbortSignal;
  readonly file?: string;
  /** How many Docker calls at once; Docker serialises much internally, so more is not faster. */
  readonly concurrency?: number;
  readonly runId?: string;
  /** What a node runs once wired (sim/roles); without it nodes are only wired, then idle. */
  readonly roleScript?: (node: PlannedNode) => { readonly setup: string; readonly final: string };
  /** Extra namespaced sysctls for a node (net.*), e.g. conntrack timeouts scaled with a scenario's time. */
  readonly sysctls?: (node: PlannedNode) => Readonly<Record<string, string>>;
}

export interface NodeHandle {
  readonly name: string;
  readonly role: string;
  readonly containerId: string;
}

export interface RunningTopology extends AsyncDisposable {
  readonly runId: string;
  readonly plan: Plan;
  readonly nodes: ReadonlyMap<string, NodeHandle>;
  /** Runs a command in a node; with a signal, stops waiting for it (the command goes on) when the signal aborts. */
  exec(node: string, cmd: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
  /** A file from inside a node (captures, logs, counters). */
  readFile(node: string, path: string): Promise<Buffer>;
  /** What the node's main process printed (its wiring and role setup), stdout and stderr. */
  logs(node: string): Promise<string>;
  /** Removes every container and network of the run; safe to call twice. */
  down(): Promise<void>;
}

export class AbortedError extends Error {
  constructor(reason: string) {
    super(`aborted: ${reason}`);
    this.name = 'AbortedError';
  }
}

export const newRunId = (plan: Plan) => `${plan.name}-${randomBytes(3).toString('hex')}`;

export async function up(d: Docker, plan: Plan, opts: UpOptions): Promise<RunningTopology> {
  const runId = opts.runId ?? newRunId(plan);
  const started = Date.now();
  const limit = pLimit(opts.concurrency ?? 8);
  const labels = {
    [LABEL_RUN]: runId,
    [LABEL_TOPOLOGY]: plan.name,
    [LABEL_CREATED]: new Date().toISOString(),
    ...(opts.file ? { [LABEL_FILE]: opts.file } : {}),
  };
  const guard = <T>(f: () => Promise<T>) =>
    limit(() => {
      if (opts.signal?.aborted) throw new AbortedError(String(opts.signal.reason ?? 'interrupted'));
      return f();
    });
  // Every phase waits for all its calls to settle, so nothing is still being
  // made when cleanup runs.
  const phase = async <T>(tasks: Array<Promise<T>>): Promise<T[]> => {
    const settled = await Promise.allSettled(tasks);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    if (opts.signal?.aborted) throw new AbortedError(String(opts.signal.reason ?? 'interrupted'));
    return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
  };

  try {
    const netIds = new Map<string, string>();
    await phase(plan.networks.map((n) => guard(async () => {
      const net = await d.createNetwork(networkSpec(runId, n, labels)).catch(async (e: unknown) => {
        throw /Pool overlaps/.test(String((e as Error).message)) ? await subnetTaken(d, n) : e;
      });
      netIds.set(n.key, net.id);
      opts.emit({ kind: 'network-created', run: runId, network: n.key, subnet: n.subnet });
    })));
    await acceptWithinBridges(runId, [...netIds.values()]);

    let done = 0;
    const handles = await phase(plan.nodes.map((node) => guard(async (): Promise<NodeHandle> => {
      const id = await startNode(d, runId, node, plan.networks, opts.images, labels, opts.roleScript?.(node), opts.sysctls?.(node) ?? {});
      opts.emit({ kind: 'node-started', run: runId, node: node.name, role: node.role, done: ++done, total: plan.nodes.length });
      return { name: node.name, role: node.role, containerId: id };
    })));

    opts.emit({ kind: 'up-done', run: runId, nodes: handles.length, networks: netIds.size, seconds: (Date.now() - started) / 1000 });
    return running(d, runId, plan, handles, opts.emit);
  } catch (e) {
    opts.emit({ kind: 'aborting', run: runId, reason: e instanceof Error ? e.message : String(e) });
    await downRun(d, runId, opts.emit);
    // What failed while aborting failed because of the abort: say so.
    if (opts.signal?.aborted && !(e instanceof AbortedError)) throw new AbortedError(String(opts.signal.reason ?? 'interrupted'));
    throw e;
  }
}

const dockerName = (runId: string, name: string) => `${runId}-${name}`;

function networkSpec(runId: string, n: PlannedNetwork, labels: Record<string, string>): Docker.NetworkCreateOptions {
  const config = n.family === 6
    ? [{ Subnet: n.scratchV4!.subnet, Gateway: n.scratchV4!.gateway }, { Subnet: n.subnet, Gateway: n.gateway }]
    : [{ Subnet: n.subnet, Gateway: n.gateway }];
  return {
    Name: dockerName(runId, n.key),
    Driver: 'bridge',
    CheckDuplicate: true,
    Internal: true, // emulated traffic never leaves the machine
    EnableIPv6: n.family === 6,
    IPAM: { Driver: 'default', Config: config },
    Options: { 'com.docker.network.driver.mtu': String(n.mtu) },
    Labels: { ...labels, [LABEL_NETWORK]: n.key },
  };
}

const ROUTING_ROLES = new Set(['prr', 'smap', 'router']);

/**
 * cgroup CPU weight by role; Docker's default is 1024. The PRR carries every
 * SMAP's traffic. A SMAP weighs as much as the servers that load it: at a
 * quarter of their weight, the torrent's SMAP in profiles-1000 could not drain
 * the swarm's bursts and dropped up to 26,189 packets at its raw socket.
 * Clients keep Docker's default: at 256, campus-100's generators waited up to
 * 8 s for a CPU (their schedstat) while the machine was mostly idle, started
 * their flows seconds late and timed connections out on their own account.
 */
const CPU_SHARES: Readonly<Record<PlannedNode['role'], number>> = { prr: 32768, router: 4096, server: 4096, smap: 4096, client: 1024 };

async function startNode(
  d: Docker,
  runId: string,
  node: PlannedNode,
  networks: readonly PlannedNetwork[],
  images: ImageSet,
  labels: Record<string, string>,
  role: { readonly setup: string; readonly final: string } | undefined,
  extraSysctls: Readonly<Record<string, string>>,
): Promise<string> {
  const endpoint = (i: number) => {
    const itf = node.interfaces[i]!;
    return { IPAMConfig: { ...(itf.ipv4 ? { IPv4Address: itf.ipv4 } : {}), ...(itf.ipv6 ? { IPv6Address: itf.ipv6 } : {}) } };
  };
  const first = node.interfaces[0]!;
  const routing = ROUTING_ROLES.has(node.role);
  const container = await d.createContainer({
    name: dockerName(runId, node.name),
    Hostname: node.name,
    Image: images[node.role],
    // Wiring is the container's first act, then its role's setup; the node is up
    // when it says so, and lives as long as its role's last command.
    Cmd: ['sh', '-c', `${wireScript(node, networks)}${role?.setup ?? ''}\necho '${WIRED_MARK}'\n${role?.final ?? 'exec sleep infinity'}\n`],
    Labels: { ...labels, [LABEL_NODE]: node.name, [LABEL_ROLE]: node.role },
    HostConfig: {
      // Under contention (100 traffic generators on two cores), the system
      // under test must not starve: the PRR, the tunnel ends and routers
      // get more CPU weight than the clients that load them (cgroup shares;
      // no effect while the machine is idle).
      CpuShares: CPU_SHARES[node.role],
      Init: true,
      NetworkMode: dockerName(runId, first.network),
      CapAdd: ['NET_ADMIN', 'NET_RAW'],
      Devices: routing ? [{ PathOnHost: '/dev/net/tun', PathInContainer: '/dev/net/tun', CgroupPermissions: 'rwm' }] : [],
      Sysctls: {
        'net.ipv6.conf.all.disable_ipv6': '0',
        'net.ipv6.conf.default.disable_ipv6': '0',
        // Addresses and routes are the plan's, never a router advertisement's.
        'net.ipv6.conf.all.accept_ra': '0',
        'net.ipv6.conf.default.accept_ra': '0',
        'net.ipv4.ip_forward': routing ? '1' : '0',
        'net.ipv6.conf.all.forwarding': routing ? '1' : '0',
        // Tunnel ends see packets on one interface that answer to another.
        'net.ipv4.conf.all.rp_filter': '0',
        'net.ipv4.conf.default.rp_filter': '0',
        // The PRR answers DF packets too big for a tunnel with ICMP from its own
        // address, written into its TUN (tunnel PMTU discovery): accept them.
        ...(node.prrRole ? { 'net.ipv4.conf.all.accept_local': '1', 'net.ipv4.conf.default.accept_local': '1' } : {}),
        // The SMAP's own connections stay in its range (the paper's script sets the same).
        ...(node.smapRole ? { 'net.ipv4.ip_local_port_range': `${node.smapRole.ports.first} ${node.smapRole.ports.last}` } : {}),
        ...extraSysctls,
      },
    },
    NetworkingConfig: { EndpointsConfig: { [dockerName(runId, first.network)]: endpoint(0) } },
  });
  for (let i = 1; i < node.interfaces.length; i++) {
    await d.getNetwork(dockerName(runId, node.interfaces[i]!.network)).connect({ Container: container.id, EndpointConfig: endpoint(i) });
  }
  await container.start();
  await waitWired(d, container.id, node.name);
  return container.id;
}

/** Follows the container's output until the wiring says it is done, or fails. */
async function waitWired(d: Docker, id: string, name: string): Promise<void> {
  const stream = (await d.getContainer(id).logs({ follow: true, stdout: true, stderr: true })) as NodeJS.ReadableStream & { destroy(): void };
  let text = '';
  const sink = new PassThrough().on('data', (b: Buffer) => (text += b.toString()));
  d.modem.demuxStream(stream, sink, sink);
  const ok = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 60_000);
    const check = () => {
      if (text.includes(WIRED_MARK)) { clearTimeout(timer); resolve(true); }
    };
    sink.on('data', check);
    stream.on('end', () => { clearTimeout(timer); resolve(text.includes(WIRED_MARK)); });
  });
  stream.destroy();
  if (!ok) throw new EnvironmentError(`wiring ${name} failed: ${text.trim().split('\n').slice(-3).join(' | ') || 'no output in 60 s'}`);
}

function running(d: Docker, runId: string, plan: Plan, handles: NodeHandle[], emit: EventSink): RunningTopology {
  const nodes = new Map(handles.map((h) => [h.name, h]));
  let downing: Promise<void> | undefined;
  const down = () => (downing ??= downRun(d, runId, emit).then(() => undefined));
  return {
    runId,
    plan,
    nodes,
    exec(node, cmd, opts) {
      const h = nodes.get(node);
      if (!h) return Promise.reject(new Error(`no node named ${node} in run ${runId}`));
      return execIn(d, h.containerId, cmd, opts);
    },
    async readFile(node, path) {
      const r = await this.exec(node, ['base64', '-w0', path]);
      if (r.exitCode !== 0) throw new Error(`${node}:${path}: ${r.stderr.trim()}`);
      return Buffer.from(r.stdout, 'base64');
    },
    async logs(node) {
      const h = nodes.get(node);
      if (!h) throw new Error(`no node named ${node} in run ${runId}`);
      const raw = await d.getContainer(h.containerId).logs({ stdout: true, stderr: true, follow: false, timestamps: true });
      return demuxLogs(raw);
    },
    down,
    [Symbol.asyncDispose]: down,
  };
}

/** Joins a running node to one more of its run's networks (benchmarks, experiments). */
export async function attachNode(d: Docker, run: RunningTopology, node: string, network: string, ipv4?: string): Promise<void> {
  const h = run.nodes.get(node);
  if (!h) throw new Error(`no node ${node} in run ${run.runId}`);
  await d.getNetwork(dockerName(run.runId, network)).connect({ Container: h.containerId, EndpointConfig: ipv4 ? { IPAMConfig: { IPv4Address: ipv4 } } : {} });
}

/** A container's log as Docker sends it without a TTY (frames of an 8-byte header, stream and size, then the bytes), as text. */
export function demuxLogs(raw: Buffer | string): string {
  if (typeof raw === 'string') return raw;
  const parts: Buffer[] = [];
  let off = 0;
  while (off + 8 <= raw.length) {
    const size = raw.readUInt32BE(off + 4);
    parts.push(raw.subarray(off + 8, off + 8 + size));
    off += 8 + size;
  }
  return Buffer.concat(parts).toString();
}

/** Docker refused a subnet another network holds: say which, and how to free it. */
async function subnetTaken(d: Docker, n: PlannedNetwork): Promise<EnvironmentError> {
  const nets = await d.listNetworks().catch(() => []);
  const holder = nets.find((x) => (x.IPAM?.Config ?? []).some((c) => c.Subnet === n.subnet || c.Subnet === n.scratchV4?.subnet));
  const run = holder?.Labels?.[LABEL_RUN];
  return new EnvironmentError(`the subnet ${n.subnet} of network ${n.key} is already used by Docker network ${holder?.Name ?? '(unknown)'}`, {
    hint: run
      ? `it belongs to aplus run ${run}: aplus down ${run} (two runs of one topology cannot be up at once)`
      : 'remove that network, or give this topology other prefixes',
  });
}
