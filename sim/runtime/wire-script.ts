// The shell that wires a node from inside its container, as the first thing
// the container runs (no exec round trip): it waits for its interfaces (the
// runtime makes them, with their planned names, MTUs and MACs, once the
// container runs), then sets the planned addresses and routes. Pure, so that
// what a node gets is unit-tested without Docker.
import type { PlannedNetwork, PlannedNode } from '../plan/plan-types';

/** A word for sh, single-quoted. */
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const q = shellQuote;

/** The line a node prints when it is wired and its role is set up; anything else means it failed. */
export const WIRED_MARK = 'aplus: wired';

/** How long a node waits for its interfaces, in tenths of a second. */
export const WAIT_TENTHS = 600;

export function wireScript(node: PlannedNode, networks: readonly PlannedNetwork[]): string {
  const names = node.interfaces.map((i) => i.ifname);
  const present = names.map((n) => `[ -e /sys/class/net/${q(n)} ]`).join(' && ');
  const lines = [
    'set -eu',
    `n=0; until ${present || 'true'}; do n=$((n + 1)); [ $n -le ${WAIT_TENTHS} ] || { echo ${q(`interfaces ${names.join(' ')} not all there after ${WAIT_TENTHS / 10} s`)} >&2; exit 1; }; sleep 0.1; done`,
  ];
  for (const itf of node.interfaces) {
    const net = networks.find((n) => n.key === itf.network);
    const address = itf.ipv6 ?? itf.ipv4;
    if (!net || !address) throw new Error(`node ${node.name}: no network or address for ${itf.network}`);
    const len = net.subnet.split('/')[1];
    lines.push(`ip link set dev ${q(itf.ifname)} up`);
    // IPv6 networks get only their IPv6 address: the core is IPv6-only.
    if (net.family === 6 && itf.ipv6) lines.push(`ip -6 addr add ${itf.ipv6}/${len} dev ${q(itf.ifname)} nodad`);
    if (net.family === 4 && itf.ipv4) lines.push(`ip -4 addr add ${itf.ipv4}/${len} dev ${q(itf.ifname)}`);
  }
  for (const r of node.routes) {
    lines.push(`ip -${r.family} route replace ${r.to} via ${r.via}`);
  }
  return lines.join('\n') + '\n';
}
