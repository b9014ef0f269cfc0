// The PRR: its configuration file in the paper's format, a TUN device the
// kernel routes the shared address into, proxy ARP for the shared address on
// the Internet side (the paper's PRR sat on the same /24), and the daemon.
import { ipv4FromText, ipv6FromText } from '../aplus/codec/address';
import { formatPaperConfig } from '../aplus/core/paper-config';
import { READY_MARK } from '../aplus/daemon/run-daemon';
import type { PlannedNode, PrrRole } from '../plan/plan-types';
import { FRAGMENT_COUNTER } from '../aplus/daemon/nft-counter';
import { startDaemon, superviseDaemon } from './shell';
import { PEERS } from './server-role';

export const PRR_TUN = 'prr0';
export const PRR_CONFIG = '/etc/aplus/prr.conf';

export function prrConfigText(node: PlannedNode): string {
  const r = node.prrRole;
  if (!r) throw new Error(`${node.name} is not a PRR`);
  return formatPaperConfig({
    prrAddrV4: ipv4FromText(r.ipv4)!,
    prrAddrV6: ipv6FromText(r.ipv6)!,
    shared: ipv4FromText(r.shared)!,
    cpes: r.smaps.map((s, i) => ({ n: i + 1, name: s.name, addrV6: ipv6FromText(s.ipv6)!, first: s.ports.first, last: s.ports.last, mtu: s.tunnelMtu })),
  });
}

export function prrScript(node: PlannedNode, firstServer: string | undefined): string {
  const r = node.prrRole!;
  return `
mkdir -p /run/aplus /var/log/aplus /etc/aplus
cat > ${PRR_CONFIG} <<'CONF'
${prrConfigText(node).trimEnd()}
CONF
# The tunnel carries IPv4 only: nothing IPv6 (router solicitations, MLD) may go into it.
nft add table ip6 aplus_tun
nft add chain ip6 aplus_tun out '{ type filter hook output priority 0; policy accept; }'
nft add rule ip6 aplus_tun out oifname "${PRR_TUN}" drop
ip tuntap add dev ${PRR_TUN} mode tun
ip link set dev ${PRR_TUN} addrgenmode none  # IPv4 only: the kernel sends no IPv6 into it
ip link set dev ${PRR_TUN} txqueuelen 1000 up
ip route add ${r.shared}/32 dev ${PRR_TUN}
ip neigh add proxy ${r.shared} dev inet
${firstServer ? `ip route add ${PEERS.prefix} via ${firstServer}  # the torrent swarm's peers, held by the first server` : ''}
${fragmentRule(r)}
${startDaemon('prr', ['node', '/opt/aplus/prr.mjs', '--config', PRR_CONFIG, '--tun', PRR_TUN, ...(r.pmtud ? ['--pmtud'] : [])], '/var/log/aplus/prr.log', READY_MARK)}
`;
}

export const prrFinal = () => superviseDaemon('prr');

/**
 * IPv6 fragments of tunnel packets: the paper's PRR dropped them (it handled
 * whole packets only), so a SMAP whose path is narrower than its tunnel MTU
 * loses every packet it has to fragment. Dropped before the kernel's
 * reassembly (priority -450), counted in a named counter the daemon reads;
 * with `fragments: reassemble` the kernel reassembles them for the raw socket.
 */
function fragmentRule(r: PrrRole): string {
  return `nft -f - <<'NFT'
${prrFragmentTable(r.ipv6, r.fragments)}
NFT`;
}

/** The nftables table of the fragment rule, for `nft -f` (the golden rig loads it too). */
export function prrFragmentTable(ipv6: string, fragments: PrrRole['fragments']): string {
  const drop = fragments === 'drop' ? `ip6 daddr ${ipv6} frag nexthdr 4 counter name "${FRAGMENT_COUNTER.name}" drop` : '';
  return `table ${FRAGMENT_COUNTER.family} ${FRAGMENT_COUNTER.table} {
  counter ${FRAGMENT_COUNTER.name} { }
  chain pre {
    type filter hook prerouting priority -450; policy accept;
    ${drop}
  }
}`;
}
