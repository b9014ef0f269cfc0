// A SMAP, as the paper's Linksys script sets it up (Appendix C), with nftables
// in place of iptables and a TUN device plus the SMAP daemon in place of the
// ip6tnl tunnel this kernel lacks.
import { formatAddress, nthAddress, parsePrefix, prefixSize, type Prefix } from '../model/ip';
import type { Plan, PlannedNode } from '../plan/plan-types';
import { READY_MARK } from '../aplus/daemon/run-daemon';
import { startDaemon, superviseDaemon } from './shell';

export const SMAP_TUN = 'tnl0';

export function smapScript(node: PlannedNode, plan: Plan): string {
  const r = node.smapRole;
  if (!r) throw new Error(`${node.name} is not a SMAP`);
  const lan = parsePrefix(r.lan) as Prefix;
  const size = prefixSize(lan);
  const mask = formatAddress(4, (1n << 32n) - size);
  const clients = plan.nodes.filter((n) => n.role === 'client' && n.smap === node.name);
  const wan = node.interfaces.find((i) => i.ifname === 'wan')!;
  const ports = `${r.ports.first}-${r.ports.last}`;
  const dnsmasq = [
    'dnsmasq', '--conf-file=/dev/null', '--interface=lan', '--bind-interfaces', '--port=0',
    `--dhcp-range=${nthAddress(lan, 2n)},${nthAddress(lan, size - 3n)},${mask},12h`,
    `--dhcp-option=option:router,${r.lanAddress}`,
    `--dhcp-option=option:dns-server,${r.dns}`,
    // Option 26, the interface MTU (RFC 2132 5.1), only when the topology sets it: the paper's fix for Table IV.
    ...(r.dhcpMtu !== undefined ? [`--dhcp-option=26,${r.dhcpMtu}`] : []),
    // Each client gets the address the topology gives it, by the host name it sends.
    ...clients.map((c) => `--dhcp-host=${c.name},${c.interfaces[0]!.ipv4}`),
    '--dhcp-leasefile=/run/aplus/dnsmasq.leases', '--log-dhcp', '--log-facility=/var/log/aplus/dnsmasq.log',
  ];
  return `
mkdir -p /run/aplus /var/log/aplus
# The tunnel interface holds the shared address; IPv4 leaves through it (paper: ip6tnl1).
# The tunnel carries IPv4 only: nothing IPv6 (router solicitations, MLD) may go into it.
nft add table ip6 aplus_tun
nft add chain ip6 aplus_tun out '{ type filter hook output priority 0; policy accept; }'
nft add rule ip6 aplus_tun out oifname "${SMAP_TUN}" drop
ip tuntap add dev ${SMAP_TUN} mode tun
# IPv4 only: no link-local address, so the kernel sends no IPv6 (RS, MLD) into the tunnel.
ip link set dev ${SMAP_TUN} addrgenmode none
ip link set dev ${SMAP_TUN} mtu ${r.tunnelMtu} txqueuelen 1000 up
ip addr add ${r.shared}/32 dev ${SMAP_TUN}
ip route add ${r.prrV4}/32 dev ${SMAP_TUN}
ip route replace default via ${r.prrV4} dev ${SMAP_TUN}
# The paper's SNAT, TCP and UDP of the LAN to SHARED:range; the SMAP's own
# connections too (the paper set ip_local_port_range; so does the runtime).
nft -f - <<'NFT'
table ip aplus {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "${SMAP_TUN}" ip saddr ${r.lan} meta l4proto { tcp, udp } snat to ${r.shared}:${ports}
    oifname "${SMAP_TUN}" ip saddr ${r.shared} meta l4proto { tcp, udp } snat to ${r.shared}:${ports}
  }
}
NFT
${r.mssClamp === undefined ? '' : mssClampRules(r.mssClamp)}
${dnsmasq.join(' ')}
${startDaemon('smap', ['node', '/opt/aplus/smap.mjs', '--shared', r.shared, '--prr', r.prrV6, '--bind', wan.ipv6!, '--ports', ports, '--tun', SMAP_TUN, ...(r.pmtud ? ['--pmtud', '--wan', 'wan'] : [])], '/var/log/aplus/smap.log', READY_MARK)}
`;
}

export const smapFinal = () => superviseDaemon('smap');

/**
 * MSS clamping (docs/mtu.md): TCP SYNs crossing the tunnel, either way, carry
 * an MSS no larger than `to` bytes, or than the tunnel's MTU less 40 (\`pmtu\`,
 * nftables' "rt mtu"): TCP then fits the tunnel whatever the clients' MTU.
 */
function mssClampRules(to: number | 'pmtu'): string {
  const set = to === 'pmtu' ? 'tcp option maxseg size set rt mtu' : `tcp option maxseg size > ${to} tcp option maxseg size set ${to}`;
  return `nft -f - <<'NFT'
table ip aplus_mss {
  chain forward {
    type filter hook forward priority mangle; policy accept;
    oifname "${SMAP_TUN}" tcp flags syn ${set}
    iifname "${SMAP_TUN}" tcp flags syn ${set}
  }
}
NFT`;
}
