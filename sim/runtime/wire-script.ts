// The shell that wires a node from inside its container, as the first thing
// the container runs (no exec round trip): interfaces, found by the address
// Docker gave them, renamed to their planned names, planned
// addresses only (IPv6 networks keep no IPv4), MTUs, routes. Pure, so that
// what a node gets is unit-tested without Docker.
import type { PlannedNetwork, PlannedNode } from '../plan/plan-types';

/** A word for sh, single-quoted. */
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const q = shellQuote;

/** The line a node prints when it is wired and its role is set up; anything else means it failed. */
export const WIRED_MARK = 'aplus: wired';

export function wireScript(node: PlannedNode, networks: readonly PlannedNetwork[]): string {
  const lines = [
    'set -eu',
    // ip -o addr: "7: eth1    inet6 2001:db8::1/64 scope global ..."
    `byAddr() { i=$(ip -o addr show | awk -v a="$1/" 'index($4, a) == 1 { print $2; exit }'); [ -n "$i" ] || { echo "no interface has address $1" >&2; exit 1; }; echo "$i"; }`,
  ];
  node.interfaces.forEach((itf, i) => {
    const net = networks.find((n) => n.key === itf.network);
    const address = itf.ipv6 ?? itf.ipv4;
    if (!net || !address) throw new Error(`node ${node.name}: no network or address for ${itf.network}`);
    const len = net.subnet.split('/')[1];
    const v = `if${i}`;
    // All interfaces are found before any is renamed or flushed.
    lines.splice(2 + i, 0, `${v}=$(byAddr ${address})`);
    lines.push(
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
