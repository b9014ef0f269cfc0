// The shell that wires a node from inside its container once Docker has
// attached it: interfaces renamed by MAC to their planned names, planned
// addresses only (IPv6 networks keep no IPv4), MTUs, routes. Pure, so that
// what a node gets is unit-tested without Docker.
import type { PlannedNetwork, PlannedNode } from '../plan/plan-types';

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function wireScript(node: PlannedNode, networks: readonly PlannedNetwork[], macs: ReadonlyMap<string, string>): string {
  const lines = ['set -eu', 'byMac() { for d in /sys/class/net/*; do [ "$(cat $d/address)" = "$1" ] && { basename $d; return; }; done; echo "no interface with MAC $1" >&2; exit 1; }'];
  node.interfaces.forEach((itf, i) => {
    const net = networks.find((n) => n.key === itf.network);
    const mac = macs.get(itf.network);
    if (!net || !mac) throw new Error(`node ${node.name}: no network or MAC for ${itf.network}`);
    const len = net.subnet.split('/')[1];
    const v = `if${i}`;
    lines.push(
      `${v}=$(byMac ${q(mac.toLowerCase())})`,
      `if [ "$${v}" != ${q(itf.ifname)} ]; then ip link set dev "$${v}" down; ip link set dev "$${v}" name ${q(itf.ifname)}; fi`,
      `ip link set dev ${q(itf.ifname)} mtu ${net.mtu} up`,
    );
    if (net.family === 6) {
      // The core is IPv6-only: the scratch IPv4 Docker insisted on goes.
      lines.push(`ip -4 addr flush dev ${q(itf.ifname)}`);
      lines.push(`ip -6 addr flush dev ${q(itf.ifname)} scope global`);
      if (itf.ipv6) lines.push(`ip -6 addr add ${itf.ipv6}/${len} dev ${q(itf.ifname)} nodad`);
    } else {
      lines.push(`ip -4 addr flush dev ${q(itf.ifname)}`);
      if (itf.ipv4) lines.push(`ip -4 addr add ${itf.ipv4}/${len} dev ${q(itf.ifname)}`);
    }
  });
  for (const r of node.routes) {
    lines.push(`ip -${r.family} route replace ${r.to} via ${r.via}`);
  }
  // Prove the IPv6-only promise rather than assume it.
  for (const itf of node.interfaces) {
    const net = networks.find((n) => n.key === itf.network)!;
    if (net.family === 6) {
      lines.push(`[ -z "$(ip -4 -o addr show dev ${q(itf.ifname)})" ] || { echo "IPv4 left on ${itf.ifname}" >&2; exit 1; }`);
    }
  }
  return lines.join('\n') + '\n';
}
