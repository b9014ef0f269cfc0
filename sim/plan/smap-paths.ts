// The nodes with counters that a client's packets cross, per SMAP: the SMAP,
// the routers between it and the PRR (its link's router, then each one above
// it up to the core), and the PRR. Every client of a SMAP shares its path,
// both ways: the PRR reaches a link through the same chain of routers.
import type { Plan, PlannedNode } from './plan-types';

export interface PathHop {
  readonly node: string;
  readonly role: 'smap' | 'router' | 'prr';
}

/** By SMAP name, its hops from the SMAP to the PRR. */
export type SmapPaths = Readonly<Record<string, readonly PathHop[]>>;

export function smapPaths(plan: Plan): SmapPaths {
  const routers = plan.nodes.filter((n) => n.role === 'router');
  // A router's own link is the network of its interface named `link`; it reaches up through its other one.
  const routerOnLink = (network: string) => routers.find((r) => r.interfaces.some((i) => i.ifname === 'link' && i.network === network));
  const upOf = (r: PlannedNode) => r.interfaces.find((i) => i.ifname !== 'link')?.network;
  const prr = plan.nodes.find((n) => n.role === 'prr');
  const chain = (network: string | undefined): PathHop[] => {
    const hops: PathHop[] = [];
    let r = network === undefined ? undefined : routerOnLink(network);
    // The planner allows no loop (a router hangs off one given before it); the check keeps this finite regardless.
    while (r && !hops.some((h) => h.node === r!.name)) {
      hops.push({ node: r.name, role: 'router' });
      const up = upOf(r);
      r = up === undefined ? undefined : routerOnLink(up);
    }
    return hops;
  };
  return Object.fromEntries(plan.nodes.filter((n) => n.role === 'smap').map((s) => [s.name, [
    { node: s.name, role: 'smap' as const },
    ...chain(s.interfaces.find((i) => i.ifname === 'wan')?.network),
    ...(prr ? [{ node: prr.name, role: 'prr' as const }] : []),
  ]]));
}
