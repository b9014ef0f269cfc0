// The PRR: its configuration file in the paper's format, a TUN device the
// kernel routes the shared addresses into, proxy ARP for each on the
// Internet side (the paper's PRR sat on the same /24), and the daemon.
import { ipv4FromText, ipv6FromText } from '../aplus/codec/address';
import { formatPaperConfig } from '../aplus/core/paper-config';
import { READY_MARK } from '../aplus/daemon/run-daemon';
import { FRAGMENT_COUNTER } from '../aplus/daemon/nft-counter';
import type { Plan, PlannedNode, PrrRole } from '../plan/plan-types';
import type { NftDocument } from '../node-setup/nft-document';
import { makeDirs, type Step } from '../node-setup/steps';
import type { NodeKind } from './node-kind';
import { addChain, addCounter, addRule, addTable, countTo, DROP, match, nftDocument, payload } from './nft';
import { COUNTERS_FILE, LOG_DIR, PROGRAMS, PRR_FILES, RUN_DIR } from './paths';
import { PEERS } from './server';
import { tunDeviceSteps } from './tunnel';

export const PRR_TUN = 'prr0';

export function prrConfigText(node: PlannedNode): string {
  const r = node.prrRole;
  if (!r) throw new Error(`${node.name} is not a PRR`);
  const [first, ...more] = r.shared;
  return formatPaperConfig({
    prrAddrV4: ipv4FromText(r.ipv4)!,
    prrAddrV6: ipv6FromText(r.ipv6)!,
    shared: ipv4FromText(first!)!,
    moreShared: more.map((a) => ipv4FromText(a)!),
    cpes: r.smaps.map((s, i) => ({
      ...s.ports,
      n: i + 1,
      name: s.name,
      addrV6: ipv6FromText(s.ipv6)!,
      mtu: s.tunnelMtu,
      // CpeNShared only where it is not IPv4Shared: the paper's file stays the paper's.
      ...(s.shared !== first ? { shared: ipv4FromText(s.shared)! } : {}),
    })),
  });
}

/**
 * IPv6 fragments of tunnel packets: the paper's PRR dropped them (it handled
 * whole packets only), so a SMAP whose path is narrower than its tunnel MTU
 * loses every packet it has to fragment. Dropped before the kernel's
 * reassembly (priority -450), counted in a named counter the daemon reads;
 * with `fragments: reassemble` the kernel reassembles them for the raw socket.
 * The golden rig loads it too.
 */
export function prrFragmentTable(ipv6: string, fragments: PrrRole['fragments']): NftDocument {
  const { family, table, name } = FRAGMENT_COUNTER;
  return nftDocument(
    addTable(family, table),
    addCounter(family, table, name),
    addChain({ family, table, name: 'pre', type: 'filter', hook: 'prerouting', prio: -450, policy: 'accept' }),
    ...(fragments === 'drop'
      ? [addRule(family, table, 'pre', [match(payload('ip6', 'daddr'), ipv6), match({ exthdr: { name: 'frag', field: 'nexthdr' } }, 4), countTo(name), DROP])]
      : []),
  );
}

function setup(node: PlannedNode, plan: Plan): Step[] {
  const r = node.prrRole;
  if (!r) throw new Error(`${node.name} is not a PRR`);
  const firstServer = plan.nodes.find((n) => n.role === 'server')?.interfaces[0]?.ipv4;
  return [
    makeDirs(RUN_DIR, LOG_DIR),
    { write: PRR_FILES.config, text: prrConfigText(node) },
    ...tunDeviceSteps(PRR_TUN),
    ...r.shared.flatMap((a): Step[] => [
      { run: ['ip', 'route', 'add', `${a}/32`, 'dev', PRR_TUN] },
      { run: ['ip', 'neigh', 'add', 'proxy', a, 'dev', 'inet'] },
    ]),
    // The torrent swarm's peers, held by the first server.
    ...(firstServer ? [{ run: ['ip', 'route', 'add', PEERS.prefix, 'via', firstServer] }] : []),
    { nft: prrFragmentTable(r.ipv6, r.fragments) },
    {
      daemon: 'prr',
      argv: ['node', PROGRAMS.prr, '--config', PRR_FILES.config, '--tun', PRR_TUN, ...(r.pmtud ? ['--pmtud'] : []), ...(r.icmp === 'translate' ? ['--icmp', 'translate'] : [])],
      log: PRR_FILES.log,
      ready: READY_MARK,
      seconds: 20,
      supervise: true,
    },
  ];
}

export const prrKind: NodeKind = {
  role: 'prr',
  image: { programs: { 'prr.mjs': 'sim/aplus/daemon/prr-daemon.ts' }, addons: ['tunio.node'] },
  // It carries every SMAP's traffic.
  cpuWeight: 32768,
  routing: true,
  // It answers DF packets too big for a tunnel with ICMP from its own
  // address, written into its TUN (tunnel PMTU discovery): accept them.
  sysctls: () => ({ 'net.ipv4.conf.all.accept_local': '1', 'net.ipv4.conf.default.accept_local': '1' }),
  setup,
  files: { config: PRR_FILES.config, log: PRR_FILES.log, counters: COUNTERS_FILE },
};
