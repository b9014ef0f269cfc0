// A SMAP, as the paper's Linksys script sets it up (Appendix C), with nftables
// in place of iptables and a TUN device plus the SMAP daemon in place of the
// ip6tnl tunnel this kernel lacks.
import { formatPortSet, portSetBlocks, type PortRange } from '../aplus/core/port-set';
import { READY_MARK } from '../aplus/daemon/run-daemon';
import { formatAddress, nthAddress, parsePrefix, prefixSize, type Prefix } from '../model/ip';
import type { Plan, PlannedNode, SmapRole } from '../plan/plan-types';
import type { Json, NftDocument } from '../node-setup/nft-document';
import { makeDirs, type Step } from '../node-setup/steps';
import type { NodeKind } from './node-kind';
import { INVALID_COUNTER } from '../aplus/daemon/nft-counter';
import { addChain, addCounter, addRule, addTable, countTo, DROP, match, meta, nftDocument, payload, prefix, PRIORITY, TCP_MSS, TCP_SYN } from './nft';
import { COUNTERS_FILE, LOG_DIR, PROGRAMS, RUN_DIR, SMAP_FILES } from './paths';
import { tunDeviceSteps } from './tunnel';

export const SMAP_TUN = 'tnl0';

const smapRole = (node: PlannedNode): SmapRole => {
  if (!node.smapRole) throw new Error(`${node.name} is not a SMAP`);
  return node.smapRole;
};

/**
 * Where the NAT maps a new connection: SHARED:first-last, the paper's rule,
 * when the ports are one range. A PSID set is many blocks, and `snat` takes
 * one range: a map from `numgen inc` (round robin over new connections) to
 * SHARED . block gives each connection one block, which the kernel's NAT
 * reads as its address and port bounds, so every port it picks is in the
 * set. A connection whose block has no free port for its destination fails,
 * even when another block has one.
 */
export function snatTarget(shared: string, blocks: readonly PortRange[]): Json {
  if (blocks.length === 1) return { snat: { addr: shared, port: { range: [blocks[0]!.first, blocks[0]!.last] } } };
  const set = blocks.map((b, i): Json => [i, { concat: [shared, { range: [b.first, b.last] }] }]);
  return { snat: { addr: { map: { key: { numgen: { mode: 'inc', mod: blocks.length } }, data: { set } } } } };
}

/**
 * The paper's SNAT, TCP and UDP of the LAN to the SMAP's shared address and
 * ports; the SMAP's own connections too (the paper set ip_local_port_range;
 * so do its sysctls).
 */
export function snatTable(r: SmapRole): NftDocument {
  const target = snatTarget(r.shared, portSetBlocks(r.ports));
  const snat = (from: Json) => addRule('ip', 'aplus', 'postrouting', [
    match(meta('oifname'), SMAP_TUN),
    match(payload('ip', 'saddr'), from),
    // ICMP too when the PRR translates it: the kernel maps an echo's identifier into the ports as it maps a port.
    match(meta('l4proto'), { set: r.icmp === 'translate' ? ['tcp', 'udp', 'icmp'] : ['tcp', 'udp'] }),
    target,
  ]);
  return nftDocument(
    addTable('ip', 'aplus'),
    addChain({ family: 'ip', table: 'aplus', name: 'postrouting', type: 'nat', hook: 'postrouting', prio: PRIORITY.srcnat, policy: 'accept' }),
    snat(prefix(r.lan)),
    snat(r.shared),
  );
}

/**
 * MSS clamping (docs/mtu.md): TCP SYNs crossing the tunnel, either way, carry
 * an MSS no larger than `to` bytes, or than the tunnel's MTU less 40 (`pmtu`,
 * nftables' "rt mtu"): TCP then fits the tunnel whatever the clients' MTU.
 */
export function mssClampTable(to: number | 'pmtu'): NftDocument {
  const clamp = to === 'pmtu'
    ? [{ mangle: { key: TCP_MSS, value: { rt: { key: 'mtu' } } } }]
    : [match(TCP_MSS, to, '>'), { mangle: { key: TCP_MSS, value: to } }];
  const rule = (dir: 'oifname' | 'iifname') => addRule('ip', 'aplus_mss', 'forward', [match(meta(dir), SMAP_TUN), TCP_SYN, ...clamp]);
  return nftDocument(
    addTable('ip', 'aplus_mss'),
    addChain({ family: 'ip', table: 'aplus_mss', name: 'forward', type: 'filter', hook: 'forward', prio: PRIORITY.mangle, policy: 'accept' }),
    rule('oifname'),
    rule('iifname'),
  );
}

/**
 * dropInvalid: packets conntrack calls invalid (a late segment of a connection
 * it has forgotten, a bad flag combination) are not NATed; leaving by the
 * tunnel they would carry the client's private source to the PRR, which drops
 * them as spoofed. Dropped here instead, and counted.
 */
export function invalidTable(): NftDocument {
  const { family, table, name } = INVALID_COUNTER;
  return nftDocument(
    addTable(family, table),
    addCounter(family, table, name),
    addChain({ family, table, name: 'forward', type: 'filter', hook: 'forward', prio: PRIORITY.filter, policy: 'accept' }),
    addRule(family, table, 'forward', [match(meta('oifname'), SMAP_TUN), match({ ct: { key: 'state' } }, 'invalid', 'in'), countTo(name), DROP]),
  );
}

/**
 * hairpin: the SMAP holds the shared address, so the LAN's packets for it
 * would be delivered to the SMAP itself. Those are sent to the PRR instead,
 * which carries each to the SMAP owning its port (that SMAP's own included):
 * a rule ahead of the local table (moved after it) for the LAN's packets to
 * the shared address, and a table whose only route is the tunnel.
 */
export const HAIRPIN_TABLE = '100';
export function hairpinSteps(r: SmapRole): Step[] {
  return [
    { run: ['ip', 'route', 'add', `${r.prrV4}/32`, 'dev', SMAP_TUN, 'table', HAIRPIN_TABLE] },
    { run: ['ip', 'route', 'add', 'default', 'via', r.prrV4, 'dev', SMAP_TUN, 'table', HAIRPIN_TABLE] },
    { run: ['ip', 'rule', 'add', 'pref', '10', 'iif', 'lan', 'to', `${r.shared}/32`, 'lookup', HAIRPIN_TABLE] },
    { run: ['ip', 'rule', 'add', 'pref', '100', 'lookup', 'local'] },
    { run: ['ip', 'rule', 'del', 'pref', '0'] },
  ];
}

/** dnsmasq's argv: DHCP on the LAN, each client at the address the topology gives it. */
function dnsmasqArgv(node: PlannedNode, plan: Plan): string[] {
  const r = smapRole(node);
  const lan = parsePrefix(r.lan) as Prefix;
  const size = prefixSize(lan);
  const mask = formatAddress(4, (1n << 32n) - size);
  const clients = plan.nodes.filter((n) => n.role === 'client' && n.smap === node.name);
  return [
    'dnsmasq', '--conf-file=/dev/null', '--interface=lan', '--bind-interfaces', '--port=0',
    `--dhcp-range=${nthAddress(lan, 2n)},${nthAddress(lan, size - 3n)},${mask},12h`,
    `--dhcp-option=option:router,${r.lanAddress}`,
    `--dhcp-option=option:dns-server,${r.dns}`,
    // Option 26, the interface MTU (RFC 2132 5.1), only when the topology sets it: the paper's fix for Table IV.
    ...(r.dhcpMtu !== undefined ? [`--dhcp-option=26,${r.dhcpMtu}`] : []),
    // Each client gets the address the topology gives it, by the host name it sends.
    ...clients.map((c) => `--dhcp-host=${c.name},${c.interfaces[0]!.ipv4}`),
    `--dhcp-leasefile=${SMAP_FILES.dnsmasqLeases}`, '--log-dhcp', `--log-facility=${SMAP_FILES.dnsmasqLog}`,
  ];
}

/**
 * Its own connections take their ports from its set (the paper's script set
 * the range): from the first block's first port to the last block's last,
 * less the gaps between blocks, which the kernel's ephemeral ports skip.
 */
export function localPortSysctls(blocks: readonly PortRange[]): Record<string, string> {
  const gaps = blocks.slice(1).map((b, i) => `${blocks[i]!.last + 1}-${b.first - 1}`);
  return {
    'net.ipv4.ip_local_port_range': `${blocks[0]!.first} ${blocks.at(-1)!.last}`,
    ...(gaps.length > 0 ? { 'net.ipv4.ip_local_reserved_ports': gaps.join(',') } : {}),
  };
}

function setup(node: PlannedNode, plan: Plan): Step[] {
  const r = smapRole(node);
  const wan = node.interfaces.find((i) => i.ifname === 'wan')!;
  return [
    makeDirs(RUN_DIR, LOG_DIR),
    // The tunnel interface holds the shared address; IPv4 leaves through it (paper: ip6tnl1).
    ...tunDeviceSteps(SMAP_TUN, r.tunnelMtu),
    { run: ['ip', 'addr', 'add', `${r.shared}/32`, 'dev', SMAP_TUN] },
    { run: ['ip', 'route', 'add', `${r.prrV4}/32`, 'dev', SMAP_TUN] },
    { run: ['ip', 'route', 'replace', 'default', 'via', r.prrV4, 'dev', SMAP_TUN] },
    { nft: snatTable(r) },
    ...(r.mssClamp === undefined ? [] : [{ nft: mssClampTable(r.mssClamp) }]),
    ...(r.dropInvalid ? [{ nft: invalidTable() }] : []),
    ...(r.hairpin ? hairpinSteps(r) : []),
    { run: dnsmasqArgv(node, plan) },
    {
      daemon: 'smap',
      argv: ['node', PROGRAMS.smap, '--shared', r.shared, '--prr', r.prrV6, '--bind', wan.ipv6!, '--ports', formatPortSet(r.ports),
        '--tun', SMAP_TUN, ...(r.pmtud ? ['--pmtud', '--wan', 'wan'] : []), ...(r.dropInvalid ? ['--count-invalid'] : [])],
      log: SMAP_FILES.log,
      ready: READY_MARK,
      seconds: 20,
      supervise: true,
    },
  ];
}

export const smapKind: NodeKind = {
  role: 'smap',
  image: {
    programs: { 'smap.mjs': 'sim/aplus/daemon/smap-daemon.ts', 'inject.mjs': 'sim/aplus/tools/inject.ts', 'ports.mjs': 'sim/measure/conntrack/port-sampler-main.ts' },
    addons: ['tunio.node'],
  },
  // As much as the servers that load it: at a quarter of their weight, the
  // torrent's SMAP in profiles-1000 could not drain the swarm's bursts and
  // dropped up to 26,189 packets at its raw socket.
  cpuWeight: 4096,
  routing: true,
  sysctls: (node) => localPortSysctls(portSetBlocks(smapRole(node).ports)),
  setup,
  files: { log: SMAP_FILES.log, counters: COUNTERS_FILE, leases: SMAP_FILES.dnsmasqLeases, dhcpLog: SMAP_FILES.dnsmasqLog },
};
