// A run's fabric: one small container of the run, with no network, whose
// namespace holds one Linux bridge per topology network; each node joins its
// bridges by veth pairs, the node's end named, sized and addressed as the
// plan says. The fabric has no address and no route, so emulated traffic has
// no way to the host by construction, and two runs with the same subnets never
// meet. Its namespace, bridges and veths go with its container.
import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import type { PlannedNetwork, PlannedNode } from '../plan/plan-types';
import { isImpaired, type Impairment } from '../model/impairment';
import { ipBatchIn, tcBatchIn, type IpCommand } from './host-ip';
import { qdiscCommands } from './link-qdiscs';
import { LABEL_NODE, LABEL_ROLE } from './labels';
import { existsSync } from 'node:fs';

export const FABRIC = 'fabric';

export interface Fabric {
  readonly containerId: string;
  /** The fabric's init process, whose namespace holds the bridges. */
  readonly pid: number;
  readonly bridges: ReadonlyMap<string, { readonly name: string; readonly mtu: number }>;
  /** Each network's ports (the fabric's veth ends), filled as nodes join. */
  readonly ports: Map<string, string[]>;
  /** Each network's impairment now, on every one of its ports. */
  readonly impairments: Map<string, Impairment | undefined>;
}

/** A locally administered unicast MAC, the same for a run's node and interface every time. */
export function macFor(runId: string, node: string, ifname: string): string {
  const h = createHash('sha256').update(`${runId}/${node}/${ifname}`).digest();
  return ['02', ...[...h.subarray(0, 5)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

/** A running container's init process as the host sees it. */
export async function pidOf(d: Docker, containerId: string): Promise<number> {
  const pid = (await d.getContainer(containerId).inspect()).State.Pid;
  if (!pid) throw new Error(`container ${containerId.slice(0, 12)} has no process`);
  return pid;
}

export async function startFabric(
  d: Docker,
  name: string,
  image: string,
  networks: readonly PlannedNetwork[],
  labels: Readonly<Record<string, string>>,
): Promise<Fabric> {
  const container = await d.createContainer({
    name,
    Hostname: FABRIC,
    Image: image,
    Cmd: ['sleep', 'infinity'],
    Labels: { ...labels, [LABEL_NODE]: FABRIC, [LABEL_ROLE]: FABRIC },
    HostConfig: {
      Init: true,
      NetworkMode: 'none',
      CapAdd: ['NET_ADMIN'],
      Sysctls: {
        // The fabric only bridges: no link-local address, autoconf or DAD on its ports.
        'net.ipv6.conf.all.disable_ipv6': '1',
        'net.ipv6.conf.default.disable_ipv6': '1',
        // Where the host has br_netfilter, bridged frames would go through this
        // namespace's netfilter (and conntrack): they must not.
        ...(existsSync('/proc/sys/net/bridge/bridge-nf-call-iptables')
          ? { 'net.bridge.bridge-nf-call-iptables': '0', 'net.bridge.bridge-nf-call-ip6tables': '0', 'net.bridge.bridge-nf-call-arptables': '0' }
          : {}),
      },
    },
  });
  await container.start();
  const pid = await pidOf(d, container.id);
  const bridges = new Map(networks.map((n, i) => [n.key, { name: `br${i}`, mtu: n.mtu }]));
  // No STP and no forwarding delay: a port forwards as soon as it is up.
  // No multicast snooping: neighbour discovery's multicast reaches every port.
  await ipBatchIn(pid, [...bridges.values()].flatMap(({ name: br, mtu }): IpCommand[] => [
    ['link', 'add', br, 'mtu', String(mtu), 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0', 'mcast_snooping', '0'],
    ['link', 'set', br, 'up'],
  ]));
  return { containerId: container.id, pid, bridges, ports: new Map(), impairments: new Map(networks.map((n) => [n.key, n.impair])) };
}

export interface Port {
  /** The network's key in the plan. */
  readonly network: string;
  /** The interface's name inside the node. */
  readonly ifname: string;
  readonly mac: string;
}

/**
 * Joins a node (by its init's pid) to its bridges: each veth is made in the
 * fabric with its peer straight in the node's namespace, so no end ever
 * exists in the host's. `tag` names the fabric's ends (at most 12 characters, unique in the run).
 */
export async function joinNode(fabric: Fabric, nodePid: number, tag: string, ports: readonly Port[]): Promise<void> {
  const ends = ports.map((p, i) => ({ network: p.network, end: `${tag}.${i}` }));
  await ipBatchIn(fabric.pid, ports.flatMap((p, i): IpCommand[] => {
    const br = fabric.bridges.get(p.network);
    if (!br) throw new Error(`no network ${p.network} in the fabric`);
    const end = `${tag}.${i}`;
    const mtu = String(br.mtu);
    return [
      ['link', 'add', end, 'mtu', mtu, 'type', 'veth', 'peer', 'name', p.ifname, 'mtu', mtu, 'address', p.mac, 'netns', String(nodePid)],
      ['link', 'set', end, 'master', br.name, 'up'],
    ];
  }));
  for (const { network, end } of ends) fabric.ports.set(network, [...(fabric.ports.get(network) ?? []), end]);
  // A port's qdisc shapes what leaves the bridge towards the node: each packet crossing the network meets one.
  await tcBatchIn(fabric.pid, ends.flatMap(({ network, end }) => {
    const impair = fabric.impairments.get(network);
    return impair ? qdiscCommands(end, impair) : [];
  }));
}

/** Changes a network's impairment on every one of its ports, now (a scenario event). */
export async function impairNetwork(fabric: Fabric, network: string, wanted: Impairment | undefined): Promise<void> {
  if (!fabric.bridges.has(network)) throw new Error(`no network ${network} in the fabric`);
  const impair = isImpaired(wanted) ? wanted : undefined;
  const before = fabric.impairments.get(network);
  fabric.impairments.set(network, impair);
  // Nothing to delete where nothing was set: tc refuses to delete a qdisc a port does not have.
  if (!before && !impair) return;
  await tcBatchIn(fabric.pid, (fabric.ports.get(network) ?? []).flatMap((end) => qdiscCommands(end, impair)));
}

/** The ports of a planned node. */
export const portsOf = (runId: string, node: PlannedNode): Port[] =>
  node.interfaces.map((itf) => ({ network: itf.network, ifname: itf.ifname, mac: macFor(runId, node.name, itf.ifname) }));
