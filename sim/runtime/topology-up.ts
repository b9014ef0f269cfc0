// Bringing a plan up on Docker: the run's fabric (its bridges), then the
// nodes, each started with no Docker network, joined to its bridges by veth
// pairs and wired from inside, with bounded concurrency. A failure or an
// abort at any point lets what is in flight settle, then removes everything
// of the run.
import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import type Docker from 'dockerode';
import { AbortedError, EnvironmentError } from '../model/errors';
import type { Plan, PlannedNode } from '../plan/plan-types';
import type { EventSink } from '../report/events';
import { PassThrough } from 'node:stream';
import { FABRIC, impairNetwork, joinNode, macFor, pidOf, portsOf, startFabric, type Fabric } from './fabric';
import { requireQdiscs } from './link-kernel';
import { LABEL_ADDRESSES, LABEL_CREATED, LABEL_FILE, LABEL_NODE, LABEL_OWNER, LABEL_ROLE, LABEL_RUN, LABEL_TOPOLOGY } from './labels';
import { KEPT, ownerLabel } from './run-owner';
import { downRun } from './topology-down';
import { runHandle, type ContainerNode } from './run-handle';
import type { ImageSet, RunningTopology, UpOptions } from './runtime';
import { runBegun } from './live-runs';
import type { NodeStart } from './node-start';

/** What up needs beyond the interface's options: the images, resolved by the caller. */
export type DockerUpOptions = UpOptions & { readonly images: ImageSet };

export const newRunId = (plan: Plan) => `${plan.name}-${randomBytes(3).toString('hex')}`;

export async function up(d: Docker, plan: Plan, opts: DockerUpOptions): Promise<RunningTopology> {
  const runId = opts.runId ?? newRunId(plan);
  const started = Date.now();
  const limit = pLimit(opts.concurrency ?? 8);
  const labels = {
    [LABEL_RUN]: runId,
    [LABEL_TOPOLOGY]: plan.name,
    [LABEL_CREATED]: new Date().toISOString(),
    [LABEL_OWNER]: opts.kept ? KEPT : ownerLabel(),
    ...(opts.file ? { [LABEL_FILE]: opts.file } : {}),
  };
  // Called once the signal has aborted.
  const aborted = () => AbortedError.of(opts.signal!, 'up', runId);
  const guard = <T>(f: () => Promise<T>) =>
    limit(() => {
      if (opts.signal?.aborted) throw aborted();
      return f();
    });
  // Every phase waits for all its calls to settle, so nothing is still being
  // made when cleanup runs.
  const phase = async <T>(tasks: Array<Promise<T>>): Promise<T[]> => {
    const settled = await Promise.allSettled(tasks);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    if (opts.signal?.aborted) throw aborted();
    return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
  };

  // One listener for every node's wait on its wiring (202 in campus-100): an abort ends them all.
  let stopWaiting = () => {};
  const abortedWait = new Promise<'aborted'>((resolve) => (stopWaiting = () => resolve('aborted')));
  opts.signal?.addEventListener('abort', stopWaiting, { once: true });
  if (opts.signal?.aborted) stopWaiting();

  runBegun(runId);
  try {
    requireQdiscs(plan.networks.flatMap((n) => (n.impair ? [{ network: n.key, impair: n.impair }] : [])));
    const [fabric] = await phase([guard(() => startFabric(d, `${runId}.${FABRIC}`, opts.images.base, plan.networks, labels))]);
    for (const n of plan.networks) opts.emit({ kind: 'network-created', run: runId, network: n.key, subnet: n.subnet });

    let done = 0;
    const handles = await phase(plan.nodes.map(async (node, i): Promise<ContainerNode> => {
      // Only Docker's calls queue; joining and wiring run beside them.
      const start = opts.start(node);
      const id = await guard(() => startNode(d, runId, node, start, opts.images, labels, opts.sysctls?.(node) ?? {}));
      if (opts.signal?.aborted) throw aborted();
      await joinNode(fabric!, await pidOf(d, id), `n${i}`, portsOf(runId, node));
      await waitWired(d, id, node.name, start.readyMark, abortedWait);
      if (opts.signal?.aborted) throw aborted();
      opts.emit({ kind: 'node-started', run: runId, node: node.name, role: node.role, done: ++done, total: plan.nodes.length });
      return { name: node.name, role: node.role, containerId: id };
    }));

    opts.emit({ kind: 'up-done', run: runId, nodes: handles.length, networks: plan.networks.length, seconds: (Date.now() - started) / 1000 });
    return running(d, runId, plan, handles, fabric!, opts.emit);
  } catch (e) {
    opts.emit({ kind: 'aborting', run: runId, reason: e instanceof Error ? e.message : String(e) });
    await downRun(d, runId, opts.emit);
    // What failed while aborting failed because of the abort: say so.
    if (opts.signal?.aborted && !(e instanceof AbortedError)) throw aborted();
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', stopWaiting);
  }
}

const dockerName = (runId: string, name: string) => `${runId}-${name}`;

/** What aplus ls shows for a node: its IPv4 addresses, then its IPv6. */
const addressesOf = (node: PlannedNode) =>
  [...node.interfaces.flatMap((i) => (i.ipv4 ? [i.ipv4] : [])), ...node.interfaces.flatMap((i) => (i.ipv6 ? [i.ipv6] : []))].join(' ');

async function startNode(
  d: Docker,
  runId: string,
  node: PlannedNode,
  start: NodeStart,
  images: ImageSet,
  labels: Record<string, string>,
  extraSysctls: Readonly<Record<string, string>>,
): Promise<string> {
  const image = (images as Readonly<Record<string, string>>)[start.image];
  if (!image) throw new Error(`node ${node.name}: no image ${start.image}`);
  const container = await d.createContainer({
    name: dockerName(runId, node.name),
    Hostname: node.name,
    Image: image,
    // Wiring and setup are the Cmd's first acts; the node is up when its
    // output has the ready mark, and lives as long as the Cmd.
    Cmd: [...start.cmd],
    Env: Object.entries(start.env).map(([k, v]) => `${k}=${v}`),
    Labels: { ...labels, [LABEL_NODE]: node.name, [LABEL_ROLE]: node.role, [LABEL_ADDRESSES]: addressesOf(node) },
    HostConfig: {
      CpuShares: start.cpuWeight,
      Init: true,
      // No Docker network: the node's interfaces come from its run's fabric.
      NetworkMode: 'none',
      CapAdd: ['NET_ADMIN', 'NET_RAW'],
      Devices: start.devices.map((p) => ({ PathOnHost: p, PathInContainer: p, CgroupPermissions: 'rwm' })),
      Sysctls: { ...start.sysctls, ...extraSysctls },
    },
  });
  await container.start();
  return container.id;
}

/**
 * Follows the container's output until the wiring says it is done, or fails.
 * An abort ends the wait at once (`aborted` settles): what the node still
 * waits for (its SMAP's DHCP server, say) may never come, and the run is
 * taken down anyway.
 */
async function waitWired(d: Docker, id: string, name: string, mark: string, aborted: Promise<'aborted'>): Promise<void> {
  const stream = (await d.getContainer(id).logs({ follow: true, stdout: true, stderr: true })) as NodeJS.ReadableStream & { destroy(): void };
  let text = '';
  const sink = new PassThrough().on('data', (b: Buffer) => (text += b.toString()));
  d.modem.demuxStream(stream, sink, sink);
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    aborted,
    new Promise<'wired' | 'failed'>((resolve) => {
      timer = setTimeout(() => resolve('failed'), 60_000);
      sink.on('data', () => {
        if (text.includes(mark)) resolve('wired');
      });
      stream.on('end', () => resolve(text.includes(mark) ? 'wired' : 'failed'));
    }),
  ]);
  clearTimeout(timer);
  stream.destroy();
  if (outcome === 'failed') throw new EnvironmentError(`wiring ${name} failed: ${text.trim().split('\n').slice(-3).join(' | ') || 'no output in 60 s'}`);
}

function running(d: Docker, runId: string, plan: Plan, handles: readonly ContainerNode[], fabric: Fabric, emit: EventSink): RunningTopology {
  const handle = runHandle(d, runId, handles, emit);
  const ids = new Map(handles.map((h) => [h.name, h.containerId]));
  let joined = 0;
  return {
    ...handle,
    plan,
    async joinNetwork(node, network, ifname, ipv4) {
      const id = ids.get(node);
      const net = plan.networks.find((n) => n.key === network);
      if (!id || !net) throw new Error(`no node ${node} or network ${network} in run ${runId}`);
      await joinNode(fabric, await pidOf(d, id), `x${++joined}`, [{ network, ifname, mac: macFor(runId, node, ifname) }]);
      const len = net.subnet.split('/')[1];
      for (const argv of [['ip', 'link', 'set', 'dev', ifname, 'up'], ...(ipv4 ? [['ip', 'addr', 'add', `${ipv4}/${len}`, 'dev', ifname]] : [])]) {
        const r = await handle.exec(node, argv);
        if (r.exitCode !== 0) throw new Error(`${node}: joining ${ifname} to ${network}: ${r.stderr.trim()}`);
      }
    },
    async impair(network, impairment) {
      requireQdiscs(impairment ? [{ network, impair: impairment }] : []);
      await impairNetwork(fabric, network, impairment);
    },
    [Symbol.asyncDispose]: handle.down,
  };
}
