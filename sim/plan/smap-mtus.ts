// The MTUs a SMAP's packets meet, read off a plan: its LAN's, the narrowest
// link on its way to the PRR (its own link, each router's link above it, the
// core), its tunnel's, and what DHCP option 26 hands its clients. Pure: what
// `aplus check` and `up --show` print, and what the MTU-bug warning reads.
import type { Plan, PlannedNode, SmapRole } from './plan-types';

export interface SmapMtus {
  readonly smap: string;
  readonly role: SmapRole;
  /** The LAN's MTU: the clients' own unless DHCP says otherwise. */
  readonly lanMtu: number;
  /** The networks from the SMAP's uplink to the core, in order. */
  readonly path: readonly string[];
  /** The narrowest of them. */
  readonly pathMtu: number;
}

export function smapMtus(plan: Plan): SmapMtus[] {
  const network = new Map(plan.networks.map((n) => [n.key, n]));
  // A link's upstream is the network its router's first interface sits on.
  const upstreamOf = new Map(plan.nodes.filter((n) => n.role === 'router').map((r) => [`link-${r.name}`, r.interfaces[0]!.network]));
  const pathFrom = (first: string): string[] => {
    const path = [first];
    for (let up = upstreamOf.get(first); up !== undefined && !path.includes(up); up = upstreamOf.get(up)) path.push(up);
    return path;
  };
  return plan.nodes.filter((n): n is PlannedNode & { smapRole: SmapRole } => n.role === 'smap' && n.smapRole !== undefined).map((n) => {
    const path = pathFrom(n.interfaces[0]!.network);
    return {
      smap: n.name,
      role: n.smapRole,
      lanMtu: network.get(`lan-${n.name}`)?.mtu ?? 1500,
      path,
      pathMtu: Math.min(...path.map((k) => network.get(k)?.mtu ?? Infinity)),
    };
  });
}
